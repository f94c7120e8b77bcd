import TcpglintSystem
import TcpglintTestSupport
import Testing

/// Path arithmetic for config and policy files.
@Suite struct PathsTests {
    @Test(arguments: [
        ("a", "b", "a/b"), (".", "b.yaml", "b.yaml"), ("a/b", "../c", "a/c"), ("a", "./b/./c", "a/b/c"),
        ("a", "/etc/x", "/etc/x"), ("/r/a", "../../..", "/"), ("a", "../..", ".."), ("a//b/", "c", "a/b/c"),
        ("policies", "../company.yaml", "company.yaml"),
    ])
    func join(_ base: String, _ relative: String, _ expected: String) {
        #expect(Paths.join(base, relative) == expected)
    }

    @Test(arguments: [
        ("a/./b/../c", "a/c"), ("./a", "a"), ("a/..", "."), ("", "."), ("../a/../b", "../b"), ("../../x", "../../x"),
        ("/..", "/"), ("/a/../../b", "/b"), ("//a//b//", "/a/b"), ("/", "/"),
    ])
    func normalize(_ path: String, _ expected: String) {
        #expect(Paths.normalize(path) == expected)
    }

    @Test(arguments: [
        ("/work/repo/a.json", "/work/repo", "a.json"), ("/work/repo", "/work/repo", "."),
        ("/work/other/a.json", "/work/repo", "../other/a.json"), ("/a.json", "/work/repo", "../../a.json"),
        ("rel/a.json", "/work/repo", "rel/a.json"), ("/work/repo/a.json", "rel", "/work/repo/a.json"),
    ])
    func display(_ path: String, _ cwd: String, _ expected: String) {
        #expect(Paths.display(path, from: cwd) == expected)
    }

    @Test func relativeIsBelowTheBaseOnly() {
        #expect(Paths.relative("/r/prod/a.yaml", to: "/r") == "prod/a.yaml")
        #expect(Paths.relative("/r/prod/a.yaml", to: "/r/") == "prod/a.yaml")
        #expect(Paths.relative("/r", to: "/r") == ".")
        #expect(Paths.relative("/rx/a.yaml", to: "/r") == nil)
        #expect(Paths.relative("/a.yaml", to: "/r") == nil)
    }

    @Test func directoryAndBaseName() {
        #expect(Paths.directory(of: "a/b/c.yaml") == "a/b")
        #expect(Paths.directory(of: "c.yaml") == ".")
        #expect(Paths.directory(of: "/c.yaml") == "/")
        #expect(Paths.baseName("a/b/c.yaml") == "c.yaml")
        #expect(Paths.baseName("c.yaml") == "c.yaml")
        #expect(Paths.baseName("a/") == "")
    }

    @Test func realResolvesLinksAndCurrentIsAbsolute() throws {
        let dir = try TempDir()
        try dir.write("sub/a.json", "")
        let real = try #require(Paths.real(dir.path))
        #expect(Paths.real(dir.path + "/sub/../sub/a.json") == real + "/sub/a.json")
        #expect(Paths.real(dir.path + "/none") == nil)
        #expect(Paths.current.hasPrefix("/"))
    }
}
