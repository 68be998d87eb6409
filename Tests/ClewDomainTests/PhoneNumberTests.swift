import ClewDomain
import Foundation
import Testing

@Suite("PhoneNumber")
struct PhoneNumberTests {

    // MARK: - Valid numbers

    @Test("valid numbers normalize to E.164", arguments: [
        ("13800138000", PhoneNumber.Kind.mobile, "+8613800138000", nil as String?),
        ("138 0013 8000", .mobile, "+8613800138000", nil),
        ("138-0013-8000", .mobile, "+8613800138000", nil),
        ("138.0013.8000", .mobile, "+8613800138000", nil),
        ("+86 138 0013 8000", .mobile, "+8613800138000", nil),
        ("0086 13800138000", .mobile, "+8613800138000", nil),
        ("8613800138000", .mobile, "+8613800138000", nil),
        ("１３８００１３８０００", .mobile, "+8613800138000", nil),
        ("＋８６\u{3000}１３８ ００１３ ８０００", .mobile, "+8613800138000", nil),
        ("\u{FEFF} 19912345670 ", .mobile, "+8619912345670", nil),
        ("(0571) 8888-6666", .landline, "+8657188886666", nil),
        ("（０５７１）８８８８－６６６６", .landline, "+8657188886666", nil),
        ("0571-88886666转123", .landline, "+8657188886666", "123"),
        ("0571-88886666 分机 8", .landline, "+8657188886666", "8"),
        ("0571-88886666 ext. 12", .landline, "+8657188886666", "12"),
        ("0571-88886666 EXT 12", .landline, "+8657188886666", "12"),
        ("0571-88886666x12", .landline, "+8657188886666", "12"),
        ("0571-88886666#12", .landline, "+8657188886666", "12"),
        ("0571-88886666-123", .landline, "+8657188886666", "123"),
        ("010-12345678", .landline, "+861012345678", nil),
        ("020 8888 666", .landline, "+86208888666", nil),
        ("+86 571 8888 6666", .landline, "+8657188886666", nil),
        ("+86 (0)571 8888 6666", .landline, "+8657188886666", nil),
        ("+86 10 1234 5678", .landline, "+861012345678", nil),
        ("861012345678", .landline, "+861012345678", nil),
        ("+1 (415) 555-0123", .international, "+14155550123", nil),
        ("+1 415 555 0123 ext 45", .international, "+14155550123", "45"),
        ("+44 20 7946 0958", .international, "+442079460958", nil),
        ("0044 20 7946 0958", .international, "+442079460958", nil),
        ("+852 2345 6789", .international, "+85223456789", nil),
    ])
    func valid(raw: String, kind: PhoneNumber.Kind, normalized: String, extensionNumber: String?) throws {
        let phone = try PhoneNumber(parsing: raw)
        #expect(phone.kind == kind)
        #expect(phone.normalized == normalized)
        #expect(phone.extensionNumber == extensionNumber)
        #expect(PhoneNumber.normalize(raw) == normalized)
    }

    @Test("display is the human form", arguments: [
        ("+86 138 0013 8000", "138 0013 8000"),
        ("(0571) 8888-6666", "0571-8888 6666"),
        ("0571-88886666转123", "0571-8888 6666 转 123"),
        ("010-12345678", "010-1234 5678"),
        ("020 8888 666", "020-888 8666"),
        ("+1 (415) 555-0123", "+1 4155550123"),
        ("+44 20 7946 0958", "+44 2079460958"),
        ("+852 2345 6789", "+852 23456789"),
        ("+1 415 555 0123 x45", "+1 4155550123 ext. 45"),
    ])
    func display(raw: String, expected: String) throws {
        let phone = try PhoneNumber(parsing: raw)
        #expect(phone.display == expected)
        #expect(phone.description == expected)
    }

    @Test("country code and national number")
    func countryCode() throws {
        #expect(try PhoneNumber(parsing: "13800138000").countryCode == "86")
        #expect(try PhoneNumber(parsing: "+44 20 7946 0958").countryCode == "44")
        #expect(try PhoneNumber(parsing: "+44 20 7946 0958").nationalNumber == "2079460958")
        #expect(try PhoneNumber(parsing: "+1 415 555 0123").countryCode == "1")
        #expect(try PhoneNumber(parsing: "010-12345678").nationalNumber == "1012345678")
    }

    // MARK: - Invalid numbers

    @Test("invalid numbers throw a specific error", arguments: [
        ("", PhoneNumberError.empty),
        ("  \u{3000} ", .empty),
        ("abc", .invalidCharacters("abc")),
        ("138+00138000", .invalidCharacters("138+00138000")),
        ("box", .invalidCharacters("box")),
        ("x", .invalidCharacters("x")),
        ("转123", .invalidCharacters("转123")),
        ("tel 13800138000", .invalidCharacters("tel 13800138000")),
        ("+", .unknownFormat("+")),
        ("1380013800", .wrongLength("1380013800", digits: 10, expected: .mobile)),
        ("138001380000", .wrongLength("138001380000", digits: 12, expected: .mobile)),
        ("12800138000", .unknownFormat("12800138000")),
        ("0571-123", .wrongLength("0571-123", digits: 7, expected: .landline)),
        ("0571-888866661", .wrongLength("0571-888866661", digits: 13, expected: .landline)),
        ("0571-08886666", .unknownFormat("0571-08886666")),
        ("0131234567", .unknownFormat("0131234567")),
        ("+86 1380013800", .wrongLength("+86 1380013800", digits: 10, expected: .mobile)),
        ("861380013800", .unknownFormat("861380013800")),
        ("+123", .wrongLength("+123", digits: 3, expected: .international)),
        ("+1234567890123456", .wrongLength("+1234567890123456", digits: 16, expected: .international)),
        ("+86", .unknownFormat("+86")),
        ("88886666", .missingAreaCode("88886666")),
        ("13800138000转123", .unexpectedExtension("13800138000转123")),
        ("0571-88886666转abc", .invalidExtension("0571-88886666转abc")),
        ("0571-88886666 ext", .invalidExtension("0571-88886666 ext")),
        ("0571-88886666x1234567", .invalidExtension("0571-88886666x1234567")),
    ])
    func invalid(raw: String, expected: PhoneNumberError) {
        #expect(throws: expected) { try PhoneNumber(parsing: raw) }
        #expect(PhoneNumber.normalize(raw) == nil)
    }

    @Test("error messages quote the input and say what is expected", arguments: [
        (PhoneNumberError.wrongLength("138001380", digits: 9, expected: .mobile),
         "phone \"138001380\" has 9 digits; a Chinese mobile has 11 (e.g. 13800138000)"),
        (.unknownFormat("12800138000"),
         "phone \"12800138000\" is not a Chinese mobile: mobiles start with 13 to 19 (e.g. 13800138000)"),
        (.missingAreaCode("88886666"),
         "phone \"88886666\" has no area code; add it in front, e.g. 0571-8888 6666"),
        (.invalidCharacters("1380013800a"),
         "phone \"1380013800a\" contains \"a\"; use digits, spaces, \"-\", \"(\", \")\", a leading \"+\", "
            + "and 转, ext, x or # before an extension"),
    ])
    func messages(error: PhoneNumberError, expected: String) {
        #expect(error.description == expected)
    }

    @Test("every error case has a message")
    func allMessages() {
        let errors: [PhoneNumberError] = [
            .empty, .invalidCharacters("x"), .wrongLength("1", digits: 1, expected: .landline),
            .wrongLength("+1", digits: 1, expected: .international), .missingAreaCode("8888666"),
            .invalidExtension("0571-88886666转"), .unexpectedExtension("13800138000#1"), .unknownFormat("999"),
        ]
        for error in errors {
            #expect(!error.description.isEmpty)
        }
    }

    // MARK: - Fake-looking numbers

    @Test("fake-looking numbers are flagged", arguments: [
        ("13333333333", true), ("18888888888", true), ("13800000000", true), ("13812345678", true),
        ("13987654321", true), ("0571-2345 6789", true), ("010-8888 8888", true), ("0571-2000 0000", true),
        ("13800138000", false), ("13912345000", false), ("15811112222", false), ("0571-8888 6666", false),
        ("+44 20 7946 0958", false), ("+1 234 567 8901", true),
    ])
    func looksFake(raw: String, fake: Bool) throws {
        #expect(try PhoneNumber(parsing: raw).looksFake == fake)
    }

    @Test("fake-looking raw digits are flagged even when invalid", arguments: [
        ("11111111111", true), ("12345678901", true), ("123-4567-8901", true), ("09876543210", true),
        ("", false), ("7", false), ("13800138000", false),
    ])
    func looksFakeRaw(raw: String, fake: Bool) {
        #expect(PhoneNumber.looksFake(raw) == fake)
    }

    // MARK: - Codable and equality

    @Test("encodes as one string and decodes back")
    func codable() throws {
        let phones = try ["13800138000", "0571-88886666转123", "+1 415 555 0123", "010-12345678"]
            .map { try PhoneNumber(parsing: $0) }
        let data = try JSONEncoder().encode(phones)
        #expect(String(decoding: data, as: UTF8.self)
            == #"["+8613800138000","+8657188886666;ext=123","+14155550123","+861012345678"]"#)
        #expect(try JSONDecoder().decode([PhoneNumber].self, from: data) == phones)
        #expect(throws: DecodingError.self) {
            try JSONDecoder().decode([PhoneNumber].self, from: Data(#"["12345"]"#.utf8))
        }
    }

    @Test("spellings of one number are equal")
    func equality() throws {
        let spellings = ["13800138000", "+86 138 0013 8000", "１３８００１３８０００", "0086-138-0013-8000"]
        let phones = Set(try spellings.map { try PhoneNumber(parsing: $0) })
        #expect(phones.count == 1)
    }
}
