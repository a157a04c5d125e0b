/// Formats numbers for people on the terminal: `1 234 567` style thousands
/// grouping (a thin space is avoided for terminals; a plain space is used).
enum Readable {
    static func count(_ value: Int) -> String {
        let digits = String(value.magnitude)
        var out = ""
        for (i, ch) in digits.enumerated() {
            if i > 0 && (digits.count - i) % 3 == 0 { out.append(",") }
            out.append(ch)
        }
        return value < 0 ? "-" + out : out
    }
}
