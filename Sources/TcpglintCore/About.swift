// TcpglintCore: the model of requests, rules and findings, and the engine that lints a document
// against a compiled rule set. It knows no parameter by name (that all comes from the rule pack),
// reads no file and parses no JSON or YAML: documents arrive already built.
//
// Folders:
//   Document/   the document arena and builder, parameter paths, positions (inside scalars too)
//   Model/      the API model the pack declares: parameters, types, structures, path patterns
//   RuleModel/  rules, the closed vocabulary of checks and conditions, the compiled RuleSet
//   Engine/     the evaluation plan (a trie of patterns, shared conditions), the Linter and one
//               document's Evaluation (the walk, slots, conditions, the dispatch of checks)
//   Checks/     each check kind's evaluation, one file per family (CheckKind.Family)
//   Findings/   severities, findings, tcpglint's diagnostics and input problems, suppressions
//   Text/       message templates, value quoting, JSON escaping, integers, PCRE2, suggestions
//
// Imports: CPCRE2 (the PCRE2 library) and the system's; no Tcpglint module.
