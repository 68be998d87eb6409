@testable import ClewDomain
import Testing

/// The byte-level check of ASCII addresses (an import's fast path) says what the Character-level
/// rules say, for every string of a tricky alphabet: same address, or the same error.
@Suite("EmailAddress ASCII fast path")
struct EmailAddressASCIITests {
    static func outcome(_ parse: () throws(EmailAddressError) -> EmailAddress) -> String {
        do { return try parse().normalized } catch { return "error \(error)" }
    }

    @Test func agreesWithTheUnicodeRules() {
        let alphabet: [String] = ["a", "Z", "0", ".", "@", "-", "_", "+", " ", "\t", "\r\n", "x", "n", "c", "o", "m", "!", "\"", "(", "\\"]
        var generator = SystemRandomNumberGenerator()   // a failure names its sample
        var samples = ["wang.wei@example.com", " Li@Example.CN ", "a..b@x.com", "a@b", "a@b.c", "a@xn--p1ai", "a@-x.com", "a@x-.com",
                       "a@@b.com", "@b.com", "a@", "", "   ", "a b@c.com", String(repeating: "a", count: 65) + "@x.com",
                       "a@" + String(repeating: "b", count: 64) + ".com", "a@b.c0m", "a@b.xn--", "A@B.COM"]
        for _ in 0..<5_000 {
            let length = Int.random(in: 1...14, using: &generator)
            samples.append((0..<length).map { _ in alphabet.randomElement(using: &generator) ?? "a" }.joined())
        }
        for sample in samples {
            #expect(Self.outcome { () throws(EmailAddressError) in try EmailAddress(parsingASCII: sample) }
                    == Self.outcome { () throws(EmailAddressError) in try EmailAddress(parsingUnicode: sample) }, "\(sample.debugDescription)")
        }
    }
}
