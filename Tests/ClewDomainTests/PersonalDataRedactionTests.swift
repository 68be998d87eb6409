import ClewDomain
import Testing

@Suite("Personal data redaction")
struct PersonalDataRedactionTests {
    @Test(arguments: [
        "请回电 138-0013-8000 找王伟", "手机 138 0013 8000", "+86 138 0013 8000 (mobile)", "call +86-138-0013-8000", "0086 13800138000",
        "138.0013.8000", "1380013 8000", "13800138000",
    ])
    func aMobileIsFoundHoweverItIsWritten(text: String) {
        let redaction = PersonalDataRedaction(phones: ["+8613800138000"], emails: [], names: [])
        let redacted = redaction.redact(text) ?? ""
        #expect(redaction.matches(text))
        #expect(!redacted.filter(\.isNumber).contains("0013"), "\(redacted)")
        #expect(redacted.contains(PersonalDataRedaction.placeholder))
    }

    @Test func aLandlineIsFoundWithItsAreaCode() {
        let redaction = PersonalDataRedaction(phones: ["021-62345678"], emails: [], names: [])
        for text in ["总机 021-62345678", "(021) 62345678", "+86 21 62345678", "021 62345678"] {
            #expect(redaction.redact(text)?.contains("62345678") == false, "\(text)")
        }
    }

    @Test func otherNumbersAreLeftAlone() {
        let redaction = PersonalDataRedaction(phones: ["13800138000"], emails: ["wang@example.com"], names: ["王伟"])
        #expect(redaction.redact("订单 139-0013-8000, 预算 30万") == "订单 139-0013-8000, 预算 30万")
        #expect(redaction.redact("WANG@example.com 与 王伟") == "\(PersonalDataRedaction.placeholder) 与 \(PersonalDataRedaction.placeholder)")
    }
}
