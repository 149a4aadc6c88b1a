/// JSON string literals written byte by byte: the one escaping rule of the JSON pubsync writes
/// by hand (the site's search index, the batches handed to SQLite).
public enum JSONString {
    /// Appends `text` as a JSON string literal. Quote, backslash and control characters are
    /// escaped, and so are `<` and U+2028/U+2029, so the literal is also safe inside a script
    /// or an HTML page; everything else is copied as UTF-8.
    public static func append(_ text: String, to out: inout [UInt8]) {
        out.append(34)
        let utf8 = text.utf8
        var index = utf8.startIndex
        while index != utf8.endIndex {
            let byte = utf8[index]
            index = utf8.index(after: index)
            switch byte {
            case 34: out.append(contentsOf: [92, 34])
            case 92: out.append(contentsOf: [92, 92])
            case 60: out.append(contentsOf: Array("\\u003c".utf8))
            case 10: out.append(contentsOf: [92, 110])
            case 13: out.append(contentsOf: [92, 114])
            case 9: out.append(contentsOf: [92, 116])
            case 0..<0x20: unicodeEscape(UInt16(byte), to: &out)
            case 0xE2:
                // U+2028 and U+2029 (E2 80 A8/A9) end a line in a script.
                var next = index
                if next != utf8.endIndex, utf8[next] == 0x80 {
                    next = utf8.index(after: next)
                    if next != utf8.endIndex, utf8[next] == 0xA8 || utf8[next] == 0xA9 {
                        unicodeEscape(utf8[next] == 0xA8 ? 0x2028 : 0x2029, to: &out)
                        index = utf8.index(after: next)
                        continue
                    }
                }
                out.append(byte)
            default: out.append(byte)
            }
        }
        out.append(34)
    }

    /// `text` as a JSON string literal (`append`'s bytes).
    public static func literal(_ text: String) -> String {
        var out: [UInt8] = []
        out.reserveCapacity(text.utf8.count + 2)
        append(text, to: &out)
        return String(decoding: out, as: UTF8.self)
    }

    private static func unicodeEscape(_ value: UInt16, to out: inout [UInt8]) {
        out.append(contentsOf: [92, 117])
        Hex.append(UInt64(value), digits: 4, to: &out)
    }
}
