import Crypto

/// A SHA-256 value held inline (32 bytes, no heap string): the site's manifest keeps two per
/// file, 110,000 at 50,000 items, and a plan one per put.
public struct Digest32: Hashable, Sendable, CustomStringConvertible {
    private var a: UInt64, b: UInt64, c: UInt64, d: UInt64

    /// The SHA-256 of `bytes`.
    public init(sha256 bytes: [UInt8]) {
        self.init(SHA256.hash(data: bytes))
    }

    /// The value of a 32-byte digest.
    public init<D: Sequence>(_ digest: D) where D.Element == UInt8 {
        var words: [UInt64] = [0, 0, 0, 0]
        for (index, byte) in digest.enumerated() where index < 32 {
            words[index / 8] = words[index / 8] << 8 | UInt64(byte)
        }
        (a, b, c, d) = (words[0], words[1], words[2], words[3])
    }

    /// Parses 64 lowercase hex digits; nil otherwise.
    public init?(hex: ArraySlice<UInt8>) {
        guard hex.count == 64 else { return nil }
        var words: (UInt64, UInt64, UInt64, UInt64) = (0, 0, 0, 0)
        var index = hex.startIndex
        for word in 0..<4 {
            var value: UInt64 = 0
            for _ in 0..<16 {
                guard let nibble = Self.nibble(hex[index]) else { return nil }
                value = value << 4 | UInt64(nibble)
                index += 1
            }
            switch word {
            case 0: words.0 = value
            case 1: words.1 = value
            case 2: words.2 = value
            default: words.3 = value
            }
        }
        (a, b, c, d) = words
    }

    private static func nibble(_ byte: UInt8) -> UInt8? {
        switch byte {
        case 48...57: return byte - 48
        case 97...102: return byte - 87
        default: return nil
        }
    }

    /// Appends the lowercase hex to `out` (no intermediate string: a manifest writes 100,000).
    public func appendHex(to out: inout [UInt8]) {
        Hex.append(a, digits: 16, to: &out); Hex.append(b, digits: 16, to: &out)
        Hex.append(c, digits: 16, to: &out); Hex.append(d, digits: 16, to: &out)
    }

    /// Lowercase hex.
    public var description: String {
        var bytes: [UInt8] = []
        bytes.reserveCapacity(32)
        for word in [a, b, c, d] {
            for shift in stride(from: 56, through: 0, by: -8) { bytes.append(UInt8(truncatingIfNeeded: word >> UInt64(shift))) }
        }
        return Hex.string(bytes)
    }
}
