import Foundation
import PubsyncCore

extension PortalPushConfig {
    /// Reads the token from its variable or file; throws `.missingSecret` naming where it looked.
    /// The value itself never appears in a message.
    func loadToken() throws -> String {
        switch token {
        case .environment(let name):
            guard let value = environment[name]?.trimmingCharacters(in: .whitespacesAndNewlines), !value.isEmpty else {
                throw PubsyncError(.missingSecret, "channel '\(channel)': the token variable \(name) is not set (key 'token_env')",
                                   channel: channel)
            }
            return try checked(value, source: "the variable \(name)")
        case .file(let url):
            var info = stat()
            guard stat(url.path, &info) == 0 else {
                throw PubsyncError(.missingSecret, "channel '\(channel)': the token file \(url.path) cannot be read (key 'token_file')",
                                   channel: channel)
            }
            let mode = info.st_mode & 0o777
            guard mode & 0o077 == 0 else {
                throw PubsyncError(.missingSecret, "channel '\(channel)': the token file \(url.path) has mode \(String(mode, radix: 8)); it must be 0600 (chmod 600 \(url.path))",
                                   channel: channel)
            }
            guard let data = FileManager.default.contents(atPath: url.path),
                  let value = String(data: data, encoding: .utf8)?.trimmingCharacters(in: .whitespacesAndNewlines),
                  !value.isEmpty else {
                throw PubsyncError(.missingSecret, "channel '\(channel)': the token file \(url.path) is empty or unreadable",
                                   channel: channel)
            }
            return try checked(value, source: "the token file \(url.path)")
        }
    }

    private func checked(_ token: String, source: String) throws -> String {
        // A control character would let the value break out of the Authorization header.
        guard token.unicodeScalars.allSatisfy({ $0.value >= 0x20 && $0.value < 0x7f }) else {
            throw PubsyncError(.missingSecret, "channel '\(channel)': the token in \(source) holds characters a bearer token cannot have",
                               channel: channel)
        }
        return token
    }
}
