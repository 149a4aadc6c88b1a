import Foundation

/// The `--json` output of a command: one value, encoded once (sorted keys, slashes as they are),
/// and decodable again, so tests read the contract's JSON back into the same type.
public protocol CommandOutput: Codable, Sendable {}

extension CommandOutput {
    /// The output's JSON text (one line, no trailing newline).
    public func jsonData() throws -> Data {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        return try encoder.encode(self)
    }

    /// Reads an output back from its JSON text.
    public static func decode(_ data: Data) throws -> Self {
        try JSONDecoder().decode(Self.self, from: data)
    }
}
