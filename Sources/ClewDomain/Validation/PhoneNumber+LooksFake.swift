// MARK: - Fake-looking numbers

extension PhoneNumber {
    /// Whether the number looks made up, so a lead carrying it can be flagged for screening.
    ///
    /// The check looks at the significant digits — all 11 of a mobile, the local number of a
    /// landline, the digits after the country code of an international number — and says yes when:
    /// - every digit after the first is the same (`13333333333`, `0571-2000 0000`);
    /// - they contain an ascending or descending run (steps of ±1, `9`→`0` wrapping) of 8 digits or
    ///   all of them if fewer (`13812345678`, `0571-2345 6789`);
    /// - they end with 8 or more zeros (`13800000000`).
    ///
    /// ```swift
    /// try PhoneNumber(parsing: "13812345678").looksFake // true
    /// try PhoneNumber(parsing: "13800138000").looksFake // false
    /// ```
    public var looksFake: Bool {
        let national = nationalNumber
        switch kind {
        case .mobile, .international: return Self.looksFake(digits: national)
        case .landline:
            let areaLength = national.first == "1" || national.first == "2" ? 2 : 3
            return Self.looksFake(digits: String(national.dropFirst(areaLength)))
        }
    }

    /// The same heuristics applied to all the digits of any text, valid number or not, e.g. to
    /// flag `11111111111` or `12345678901` typed into an import file.
    ///
    /// ```swift
    /// PhoneNumber.looksFake("123-4567-8901") // true
    /// PhoneNumber.looksFake("")              // false
    /// ```
    public static func looksFake(_ raw: String) -> Bool {
        looksFake(digits: TextNormalization.halfWidth(raw).filter { $0.isASCII && $0.isNumber })
    }

    private static func looksFake(digits text: String) -> Bool {
        let digits = text.compactMap(\.wholeNumberValue)
        guard digits.count >= 2 else { return false }
        if Set(digits.dropFirst()).count == 1 { return true }
        if digits.reversed().prefix(while: { $0 == 0 }).count >= 8 { return true }
        return longestRun(digits) >= min(8, digits.count)
    }

    /// The length of the longest stretch where each digit is one more, or each one less, than the
    /// digit before it (mod 10).
    private static func longestRun(_ digits: [Int]) -> Int {
        var longest = 1
        for step in [1, 9] {
            var current = 1
            for (previous, next) in zip(digits, digits.dropFirst()) {
                current = (previous + step) % 10 == next ? current + 1 : 1
                longest = max(longest, current)
            }
        }
        return longest
    }
}
