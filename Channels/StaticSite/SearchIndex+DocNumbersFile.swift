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
            // The fields: id, number, and either nothing more or hash and shards.
            var bounds = (line.endIndex, line.endIndex, line.endIndex)
            var tabs = 0
            for index in line.indices where line[index] == 9 {
                switch tabs {
                case 0: bounds.0 = index
                case 1: bounds.1 = index
                case 2: bounds.2 = index
                default: return nil
                }
                tabs += 1
            }
            guard tabs == 1 || tabs == 3, bounds.0 > line.startIndex,
                let number = decimal(line[(bounds.0 + 1)..<bounds.1])
            else { return nil }
            var stamp: Stamp?
            if tabs == 3 {
                guard let hash = hex(line[(bounds.1 + 1)..<bounds.2]) else { return nil }
                var shards = ShardSet()
                let list = line[(bounds.2 + 1)...]
                if !list.isEmpty {
                    var start = list.startIndex
                    while true {
                        let end = list[start...].firstIndex(of: 44) ?? list.endIndex
                        guard let shard = decimal(list[start..<end]), shard < SearchIndex.shardCount else { return nil }
                        shards.insert(shard)
                        if end == list.endIndex { break }
                        start = end + 1
                    }
                }
                stamp = Stamp(hash: hash, shards: shards)
            }
            return Line(id: String(decoding: line[..<bounds.0], as: UTF8.self), number: number, stamp: stamp)
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
    }
}
