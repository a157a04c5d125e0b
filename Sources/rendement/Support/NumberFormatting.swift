import RendementCore

/// Formats numbers for people on the terminal: 1,234,567.
enum Readable {
    static func count(_ value: Int) -> String { DigitGrouping.format(value) }
}
