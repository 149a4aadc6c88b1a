import Foundation

extension ConfigLoader {
    /// Reads `[check]`: `update_within` is a table of category → period (`"14d"`, `"2w"`, `"6m"`, `"1y"`).
    static func check(_ value: ConfigValue?, fail: (String, String) -> PubsyncError) throws -> CheckSettings {
        guard let value else { return CheckSettings() }
        guard case .table(let check) = value else { throw fail("check", "must be a table ([check])") }
        if let unknown = check.keys.filter({ $0 != "update_within" }).sorted().first {
            throw fail("check.\(unknown)", "is not a known setting (known: update_within)")
        }
        guard let within = check["update_within"] else { return CheckSettings() }
        guard case .table(let table) = within else {
            throw fail("check.update_within", "must be a table of category = \"14d\" / \"6m\" (e.g. [check.update_within])")
        }
        var periods: [String: CheckPeriod] = [:]
        for (category, entry) in table {
            guard case .string(let text) = entry, let period = CheckPeriod(text) else {
                throw fail("check.update_within.\(category)", "must be a period such as \"14d\", \"2w\", \"6m\" or \"1y\"")
            }
            periods[category] = period
        }
        return CheckSettings(updateWithin: periods)
    }
}
