/// Whole numbers with thousands grouping for people (1,234,567 or 1.234.567);
/// the one implementation behind the terminal summaries and the reports.
public enum DigitGrouping {
    public static func format(_ n: Int, separator: Character = ",") -> String {
        let digits = String(n.magnitude)
        var out = ""
        for (i, ch) in digits.enumerated() {
            if i > 0 && (digits.count - i) % 3 == 0 { out.append(separator) }
            out.append(ch)
        }
        return n < 0 ? "-" + out : out
    }
}
