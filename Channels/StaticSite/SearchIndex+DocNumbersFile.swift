extension SearchIndex {
    /// Reads `.pubsync-search` a line at a time, byte by byte (`id TAB number [TAB hash TAB
    /// shards]`; empty lines skipped), and spells its numbers: every sync that changes anything
    /// reads and writes the file, 100,000 lines at 100,000 items.
    struct DocNumbersReader {
        /// One line: an item's document number and, in files of this version, its stamp.
        struct Line {
            let id: String
            let number: Int
            let stamp: Stamp?
        }

        private let bytes: [UInt8]
        private var index = 0

        init(_ bytes: [UInt8]) { self.bytes = bytes }

        /// The next line; `.some(nil)` when it is not a line of this file, nil at the end.
        mutating func nextLine() -> Line?? {
            while index < bytes.count, bytes[index] == 10 { index += 1 }
            guard index < bytes.count else { return nil }
            let end = bytes[index...].firstIndex(of: 10) ?? bytes.count
            defer { index = end }
            return .some(Self.parse(bytes[index..<end]))
        }

        private static func parse(_ line: ArraySlice<UInt8>) -> Line? {
            let fields = line.split(separator: 9, omittingEmptySubsequences: false)
            guard fields.count == 2 || fields.count == 4, !fields[0].isEmpty,
                let number = decimal(fields[1])
            else { return nil }
            var stamp: Stamp?
            if fields.count == 4 {
                guard let hash = hex(fields[2]) else { return nil }
                var shards = ShardSet()
                if !fields[3].isEmpty {
                    for part in fields[3].split(separator: 44, omittingEmptySubsequences: false) {
                        guard let shard = decimal(part), shard < SearchIndex.shardCount else { return nil }
                        shards.insert(shard)
                    }
                }
                stamp = Stamp(hash: hash, shards: shards)
            }
            return Line(id: String(decoding: fields[0], as: UTF8.self), number: number, stamp: stamp)
        }

        /// A non-negative decimal of 1…18 digits.
        private static func decimal(_ digits: ArraySlice<UInt8>) -> Int? {
            guard (1...18).contains(digits.count) else { return nil }
            var value = 0
            for byte in digits {
                guard (48...57).contains(byte) else { return nil }
                value = value * 10 + Int(byte - 48)
            }
            return value
        }

        /// 1…16 hexadecimal digits (either case).
        private static func hex(_ digits: ArraySlice<UInt8>) -> UInt64? {
            guard (1...16).contains(digits.count) else { return nil }
            var value: UInt64 = 0
            for byte in digits {
                let nibble: UInt8
                switch byte {
                case 48...57: nibble = byte - 48
                case 97...102: nibble = byte - 87
                case 65...70: nibble = byte - 55
                default: return nil
                }
                value = value << 4 | UInt64(nibble)
            }
            return value
        }

        private static let hexDigits = Array("0123456789abcdef".utf8)

        /// Appends `value` in decimal.
        static func appendDecimal(_ value: Int, to out: inout [UInt8]) {
            precondition(value >= 0)
            var divisor = 1
            while divisor <= value / 10 { divisor *= 10 }
            var rest = value
            while divisor > 0 {
                out.append(UInt8(48 + rest / divisor))
                rest %= divisor
                divisor /= 10
            }
        }

        /// Appends `value` in lowercase hexadecimal without leading zeros (as `String(_:radix:)`).
        static func appendHex(_ value: UInt64, to out: inout [UInt8]) {
            var shift = 60
            while shift > 0, value >> UInt64(shift) == 0 { shift -= 4 }
            while shift >= 0 {
                out.append(hexDigits[Int(value >> UInt64(shift) & 0xF)])
                shift -= 4
            }
        }
    }
}
