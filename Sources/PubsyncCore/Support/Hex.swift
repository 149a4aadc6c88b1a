/// Lowercase hex, once for every digest pubsync shows or stores (no `String(format:)`, which is
/// slow on Linux).
public enum Hex {
    private static let digits = Array("0123456789abcdef".utf8)

    /// The bytes as lowercase hex, two digits each.
    public static func string<D: Sequence>(_ bytes: D) -> String where D.Element == UInt8 {
        var out: [UInt8] = []
        out.reserveCapacity(64)
        for byte in bytes {
            out.append(digits[Int(byte >> 4)])
            out.append(digits[Int(byte & 0x0F)])
        }
        return String(decoding: out, as: UTF8.self)
    }

    /// Appends the low `count` hex digits of `value` (leading zeros kept).
    public static func append(_ value: UInt64, digits count: Int, to out: inout [UInt8]) {
        for shift in stride(from: 4 * (count - 1), through: 0, by: -4) { out.append(digits[Int(value >> UInt64(shift) & 0xF)]) }
    }

    /// Appends `value`'s hex digits without leading zeros (as `String(value, radix: 16)`).
    public static func appendMinimal(_ value: UInt64, to out: inout [UInt8]) {
        append(value, digits: max(1, (64 - value.leadingZeroBitCount + 3) / 4), to: &out)
    }
}
