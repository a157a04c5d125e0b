/// Values that identify a person directly, recognised by their form
/// wherever they stand in a field (also in free text): a BSN (nine digits
/// passing the eleven-test), an e-mail address, a Dutch or international
/// phone number, an IBAN with a valid check (ISO 13616 mod-97). Used by
/// `rendement pseudonymize` on every column that is not the identifier
/// itself and not kept by the user. Hand-written byte scanners, no regular
/// expressions: they run over every field of a national extract.
public enum IdentifierShape: String, Sendable, CaseIterable {
    case bsn, email, phone, iban

    /// In words, for messages.
    public var description: String {
        switch self {
        case .bsn: "a BSN (nine digits passing the eleven-test)"
        case .email: "an e-mail address"
        case .phone: "a phone number"
        case .iban: "an IBAN (valid check digits)"
        }
    }

    /// The first kind of identifier found in `value`, if any.
    public static func find(in value: String) -> IdentifierShape? {
        // Most fields (dates, codes, short text) are ruled out by a count:
        // a BSN or phone number needs nine digits, an e-mail address an `@`,
        // an IBAN fifteen characters.
        var digits = 0, at = false, length = 0
        for b in value.utf8 {
            length += 1
            if isDigit(b) { digits += 1 } else if b == 64 { at = true }
        }
        guard digits >= 9 || at || length >= 15 else { return nil }
        let bytes = Array(value.utf8)
        // The IBAN first: checked by its own digits, and its groups of four can look like a phone number.
        if length >= 15, containsIBAN(bytes.map { $0 >= 97 && $0 <= 122 ? $0 - 32 : $0 }) { return .iban }
        if digits >= 9, containsBSN(bytes) { return .bsn }
        if at, containsEmail(bytes) { return .email }
        if digits >= 9, containsPhone(bytes) { return .phone }
        return nil
    }

    static func isDigit(_ b: UInt8) -> Bool { b >= 48 && b <= 57 }
    static func isUpper(_ b: UInt8) -> Bool { b >= 65 && b <= 90 }
    static func isAlnum(_ b: UInt8) -> Bool { isDigit(b) || isUpper(b) || (b >= 97 && b <= 122) }

    // MARK: BSN

    /// The eleven-test of the BSN: 9·d1 + 8·d2 + ... + 2·d8 − 1·d9 is a
    /// multiple of 11 (all zeros excluded: a placeholder, not a number).
    public static func passesElevenTest(_ digits: [UInt8]) -> Bool {
        guard digits.count == 9, digits.contains(where: { $0 != 48 }) else { return false }
        var sum = 0
        for (i, d) in digits.enumerated() { sum += (i < 8 ? 9 - i : -1) * Int(d - 48) }
        return sum % 11 == 0
    }

    /// Nine digits passing the eleven-test: a run of exactly nine digits,
    /// or the whole value once `.`, `-` and spaces are left out (`1234.56.782`).
    static func containsBSN(_ b: [UInt8]) -> Bool {
        var i = 0
        while i < b.count {
            guard isDigit(b[i]) else { i += 1; continue }
            var j = i
            while j < b.count, isDigit(b[j]) { j += 1 }
            if j - i == 9, passesElevenTest(Array(b[i..<j])) { return true }
            i = j
        }
        let compact = b.filter { $0 != 46 && $0 != 45 && $0 != 32 }
        return compact.count == 9 && compact.allSatisfy(isDigit) && compact.count < b.count && passesElevenTest(compact)
    }

    // MARK: E-mail

    /// `local@domain.tld`: a local part of letters, digits and `._%+-`, a
    /// domain of labels joined by dots, a top-level label of two letters or more.
    static func containsEmail(_ b: [UInt8]) -> Bool {
        for at in b.indices where b[at] == 64 {
            var start = at
            while start > 0, isAlnum(b[start - 1]) || [46, 95, 37, 43, 45].contains(b[start - 1]) { start -= 1 }
            guard start < at else { continue }
            var end = at + 1
            while end < b.count, isAlnum(b[end]) || b[end] == 45 || b[end] == 46 { end += 1 }
            var domain = Array(b[(at + 1)..<end])
            while domain.last == 46 { domain.removeLast() }
            let labels = domain.split(separator: 46, omittingEmptySubsequences: false)
            guard labels.count >= 2, labels.allSatisfy({ !$0.isEmpty }), let tld = labels.last,
                  tld.count >= 2, tld.allSatisfy({ isUpper($0) || ($0 >= 97 && $0 <= 122) }) else { continue }
            return true
        }
        return false
    }

    // MARK: Phone

    /// A Dutch number (`0` and nine digits, the second not `0`; or `+31`/
    /// `0031` and nine digits, `(0)` allowed) or an international one (`+`
    /// and 10-15 digits), its digits in groups joined by single spaces,
    /// dashes, dots or slashes, parentheses around an area code allowed --
    /// bounded by anything but letters and digits. Not a date (without `+`:
    /// groups of 1-2, 1-2 and 4 digits, or 4, 1-2, 1-2, as in `05-01-2013 12:30`) and
    /// not a decimal fraction (`0.123456789`: a first group of one digit).
    static func containsPhone(_ b: [UInt8]) -> Bool {
        var i = 0
        while i < b.count {
            let startsNumber = isDigit(b[i]) || b[i] == 43 || b[i] == 40
            if startsNumber, i == 0 || !(isAlnum(b[i - 1]) || b[i - 1] == 43) {
                let number = phoneNumber(b, from: i)
                if isPhone(number) { return true }
                i = max(number.end, i + 1)
            } else {
                i += 1
            }
        }
        return false
    }

    /// A run of digits, separators and parentheses read as a phone number.
    struct PhoneCandidate {
        var digits: [UInt8] = []
        /// Digits per group between separators.
        var groups: [Int] = [0]
        var international = false
        var end = 0
    }

    /// Digits from `start` over single separators (` `, `-`, `.`, `/`) and
    /// parentheses, until anything else.
    private static func phoneNumber(_ b: [UInt8], from start: Int) -> PhoneCandidate {
        var n = PhoneCandidate()
        var i = start
        if b[i] == 43 { n.international = true; i += 1 }
        var lastWasSeparator = false
        while i < b.count {
            let c = b[i]
            if isDigit(c) {
                n.digits.append(c); n.groups[n.groups.count - 1] += 1; lastWasSeparator = false
            } else if c == 40 || c == 41 {
                lastWasSeparator = false
            } else if [32, 45, 46, 47].contains(c), !lastWasSeparator, i + 1 < b.count, isDigit(b[i + 1]) || b[i + 1] == 40 {
                n.groups.append(0); lastWasSeparator = true
            } else {
                break
            }
            i += 1
        }
        n.end = i
        // Glued to a letter or digit: part of a longer token, not a number on its own.
        if i < b.count, isAlnum(b[i]) { n.digits = [] }
        n.groups.removeAll { $0 == 0 }
        return n
    }

    private static func isPhone(_ n: PhoneCandidate) -> Bool {
        let g = n.groups
        if !n.international, g.count >= 3, ((1...2).contains(g[0]) && (1...2).contains(g[1]) && g[2] == 4) || (g[0] == 4 && (1...2).contains(g[1]) && (1...2).contains(g[2])) {
            return false
        }
        var digits = n.digits[...]
        if !n.international, digits.starts(with: [48, 48]) { digits = digits.dropFirst(2) }  // 00 31 ...
        if n.international || digits.count != n.digits.count {
            if digits.starts(with: [51, 49]) {                                              // 31
                var rest = digits.dropFirst(2)
                if rest.first == 48 { rest = rest.dropFirst() }                             // (0)
                return rest.count == 9 && rest.first != 48
            }
            return n.international && (10...15).contains(digits.count)
        }
        return g.first.map { $0 >= 2 } == true && digits.count == 10 && digits.first == 48 && digits.dropFirst().first != 48
    }

    // MARK: IBAN

    /// Account-number length per country (SWIFT IBAN registry).
    static let ibanLength: [String: Int] = [
        "AD": 24, "AE": 23, "AL": 28, "AT": 20, "AZ": 28, "BA": 20, "BE": 16, "BG": 22, "BH": 22, "BR": 29, "BY": 28, "CH": 21,
        "CR": 22, "CY": 28, "CZ": 24, "DE": 22, "DK": 18, "DO": 28, "EE": 20, "EG": 29, "ES": 24, "FI": 18, "FO": 18, "FR": 27,
        "GB": 22, "GE": 22, "GI": 23, "GL": 18, "GR": 27, "GT": 28, "HR": 21, "HU": 28, "IE": 22, "IL": 23, "IQ": 23, "IS": 26,
        "IT": 27, "JO": 30, "KW": 30, "KZ": 20, "LB": 28, "LC": 32, "LI": 21, "LT": 20, "LU": 20, "LV": 21, "MC": 27, "MD": 24,
        "ME": 22, "MK": 19, "MR": 27, "MT": 31, "MU": 30, "NL": 18, "NO": 15, "PK": 24, "PL": 28, "PS": 29, "PT": 25, "QA": 29,
        "RO": 24, "RS": 22, "SA": 24, "SC": 31, "SE": 24, "SI": 19, "SK": 24, "SM": 27, "ST": 25, "SV": 28, "TL": 23, "TN": 24,
        "TR": 26, "UA": 29, "VA": 22, "VG": 24, "XK": 20,
    ]

    /// The ISO 13616 check: the account moved behind its first four
    /// characters, letters as 10-35, is 1 modulo 97.
    public static func ibanCheckPasses(_ iban: [UInt8]) -> Bool {
        guard iban.count >= 15 else { return false }
        var remainder = 0
        for c in iban[4...] + iban[..<4] {
            if isDigit(c) { remainder = (remainder * 10 + Int(c - 48)) % 97 }
            else if isUpper(c) { remainder = (remainder * 100 + Int(c - 55)) % 97 }
            else { return false }
        }
        return remainder == 1
    }

    /// A known country code, two check digits, and the rest of the
    /// country's length in letters and digits (single spaces allowed between
    /// them, as IBANs are printed in groups of four), passing the check.
    /// `b` is upper-cased.
    static func containsIBAN(_ b: [UInt8]) -> Bool {
        var i = 0
        while i + 15 <= b.count {
            defer { i += 1 }
            guard isUpper(b[i]), isUpper(b[i + 1]), isDigit(b[i + 2]), isDigit(b[i + 3]), i == 0 || !isAlnum(b[i - 1]),
                  let length = ibanLength[String(decoding: b[i...(i + 1)], as: UTF8.self)] else { continue }
            var chars: [UInt8] = [], j = i
            while j < b.count, chars.count < length {
                if isAlnum(b[j]) { chars.append(b[j]) } else if b[j] != 32 || j + 1 >= b.count || b[j + 1] == 32 { break }
                j += 1
            }
            if chars.count == length, j == b.count || !isAlnum(b[j]), ibanCheckPasses(chars) { return true }
        }
        return false
    }
}
