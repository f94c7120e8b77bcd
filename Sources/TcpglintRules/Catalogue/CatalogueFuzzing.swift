import TcpglintCore
import TcpglintInput

extension CatalogueBuilder {
    /// The `catalogue-raw` fuzz target's entry: reads `bytes` as a saved response of each of the
    /// four actions and takes its items, as `build` does, discarding the result. (`response` and
    /// `items` are internal; the harness lives in another module.)
    public static func fuzzRawResponse(_ bytes: [UInt8], limits: InputLimits = .default) {
        for action in Action.allCases {
            let diags = Diagnostics()
            if let r = response(name: "fuzz.json", bytes: bytes, action: action, limits: limits, diags: diags) {
                _ = items(r, action)
            }
        }
    }
}
