/// The item id rule shared by pubsync and the portal: `[a-z0-9][a-z0-9._-]{0,127}`.
enum PortalItemID {
    /// Whether `id` is a safe slug.
    static func isValid(_ id: String) -> Bool {
        let bytes = Array(id.utf8)
        guard (1...128).contains(bytes.count) else { return false }
        for (index, byte) in bytes.enumerated() {
            let alnum = (byte >= 97 && byte <= 122) || (byte >= 48 && byte <= 57)
            if index == 0 {
                guard alnum else { return false }
            } else {
                guard alnum || byte == 46 || byte == 95 || byte == 45 else { return false }
            }
        }
        return true
    }
}
