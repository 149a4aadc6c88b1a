/// Finds YAML anchors (`&name`) and aliases (`*name`) in front matter text before it is parsed:
/// an alias repeats a whole subtree, and nested aliases (a "billion laughs" document of a few
/// hundred bytes) expand to gigabytes. pubsync's fields never need them, so they are refused.
///
/// A conservative scan: an anchor or alias can only begin where a node begins (a line's first
/// token, after `- `, `? `, `: `, `[`, `{`, `,`, or after a tag), never inside quotes, comments or
/// block scalars; in a plain scalar `&` and `*` are ordinary characters.
enum YAMLAliasScan {
    /// The 1-based line and the token of the first anchor or alias, or nil.
    static func first(in yaml: String) -> (line: Int, token: String)? {
        var blockIndent: Int?  // inside a block scalar (`|`, `>`) whose parent line had this indent
        var quote: Character?  // an open quoted scalar spanning lines
        for (index, line) in yaml.split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
            let chars = Array(line.hasSuffix("\r") ? line.dropLast() : line)
            let indent = chars.prefix { $0 == " " }.count
            if let parent = blockIndent {
                if chars.allSatisfy({ $0 == " " || $0 == "\t" }) || indent > parent { continue }
                blockIndent = nil
            }
            var position = 0
            var nodeStart = quote == nil
            while position < chars.count {
                let char = chars[position]
                if let open = quote {
                    if open == "'" && char == "'" && position + 1 < chars.count && chars[position + 1] == "'" {
                        position += 2
                        continue
                    }
                    if open == "\"" && char == "\\" {
                        position += 2
                        continue
                    }
                    if char == open { quote = nil }
                    position += 1
                    continue
                }
                if char == " " || char == "\t" {
                    position += 1
                    continue
                }
                if char == "#" && (position == 0 || chars[position - 1] == " " || chars[position - 1] == "\t") { break }
                if nodeStart {
                    switch char {
                    case "&", "*":
                        let token = chars[position...].prefix { !" \t,[]{}".contains($0) }
                        if token.count > 1 { return (index + 1, String(token)) }
                        nodeStart = false
                    case "-", "?", ":":
                        // An indicator followed by space (or the line's end) opens a node.
                        nodeStart = position + 1 >= chars.count || chars[position + 1] == " " || chars[position + 1] == "\t"
                    case "[", "{", ",":
                        break
                    case "!":
                        // A tag: skip it; an anchor may follow.
                        while position + 1 < chars.count, chars[position + 1] != " " { position += 1 }
                    case "'", "\"":
                        quote = char
                        nodeStart = false
                    case "|", ">":
                        blockIndent = indent
                        position = chars.count
                        continue
                    default:
                        nodeStart = false
                    }
                    position += 1
                    continue
                }
                // Inside a plain scalar or after a closed quote: only a value or flow indicator opens a node.
                if char == ":" && (position + 1 >= chars.count || " \t".contains(chars[position + 1])) {
                    nodeStart = true
                } else if char == "," || char == "[" || char == "{" {
                    nodeStart = true
                } else if char == "'" || char == "\"" {
                    // A quote inside a plain scalar is an ordinary character.
                }
                position += 1
            }
        }
        return nil
    }
}
