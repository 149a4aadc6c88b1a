/// Writes an array of rows (arrays of text, integers and nulls) as JSON, for handing a batch
/// to SQLite's `json_each` in one statement. Foundation's `JSONSerialization` took longer to
/// encode a sync batch than SQLite took to store it; this writes bytes straight into a buffer.
struct JSONArrayWriter {
    /// One JSON value of a row.
    enum Value {
        case text(String)
        case integer(Int)
        case null
    }

    private var bytes: [UInt8] = [UInt8(ascii: "[")]
    /// Rows written so far.
    private(set) var rows = 0

    /// Appends one row.
    mutating func row(_ values: [Value]) {
        if rows > 0 { bytes.append(UInt8(ascii: ",")) }
        bytes.append(UInt8(ascii: "["))
        for (index, value) in values.enumerated() {
            if index > 0 { bytes.append(UInt8(ascii: ",")) }
            switch value {
            case .text(let text): appendString(text)
            case .integer(let number): bytes.append(contentsOf: String(number).utf8)
            case .null: bytes.append(contentsOf: "null".utf8)
            }
        }
        bytes.append(UInt8(ascii: "]"))
        rows += 1
    }

    /// The finished document.
    mutating func finish() -> String {
        bytes.append(UInt8(ascii: "]"))
        return String(decoding: bytes, as: UTF8.self)
    }

    /// A JSON string: quote, backslash and control characters escaped, all else (UTF-8) as is.
    private mutating func appendString(_ text: String) {
        bytes.append(UInt8(ascii: "\""))
        for byte in text.utf8 {
            switch byte {
            case UInt8(ascii: "\""): bytes.append(contentsOf: [UInt8(ascii: "\\"), UInt8(ascii: "\"")])
            case UInt8(ascii: "\\"): bytes.append(contentsOf: [UInt8(ascii: "\\"), UInt8(ascii: "\\")])
            case 0..<0x20:
                let hex = Array("0123456789abcdef".utf8)
                bytes.append(contentsOf: [UInt8(ascii: "\\"), UInt8(ascii: "u"), UInt8(ascii: "0"), UInt8(ascii: "0"),
                                          hex[Int(byte >> 4)], hex[Int(byte & 0xF)]])
            default: bytes.append(byte)
            }
        }
        bytes.append(UInt8(ascii: "\""))
    }
}
