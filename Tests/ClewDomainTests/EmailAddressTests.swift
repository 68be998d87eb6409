import ClewDomain
import Foundation
import Testing

@Suite("EmailAddress")
struct EmailAddressTests {

    @Test("valid addresses normalize", arguments: [
        ("Wang.Wei@Example.COM", "wang.wei@example.com"),
        ("ｗａｎｇ＠ｅｘａｍｐｌｅ．ｃｏｍ", "wang@example.com"),
        ("  li@example.cn\u{3000}", "li@example.cn"),
        ("\u{FEFF}li@example.cn\u{200B}", "li@example.cn"),
        ("first.last+tag@sub.example.co.uk", "first.last+tag@sub.example.co.uk"),
        ("o'brien@example.ie", "o'brien@example.ie"),
        ("a_b-c@my-host.example.org", "a_b-c@my-host.example.org"),
        ("!#$%&'*+/=?^_`{|}~-@example.com", "!#$%&'*+/=?^_`{|}~-@example.com"),
        ("x@123.example.museum", "x@123.example.museum"),
        ("user@xn--fiqs8s.xn--fiqs8s", "user@xn--fiqs8s.xn--fiqs8s"),
    ])
    func valid(raw: String, normalized: String) throws {
        let email = try EmailAddress(parsing: raw)
        #expect(email.normalized == normalized)
        #expect(email.description == normalized)
        #expect(EmailAddress.normalize(raw) == normalized)
    }

    @Test("local part and domain")
    func parts() throws {
        let email = try EmailAddress(parsing: "Wang.Wei@Example.COM")
        #expect(email.localPart == "wang.wei")
        #expect(email.domain == "example.com")
    }

    @Test("invalid addresses throw a specific error", arguments: [
        ("", EmailAddressError.empty),
        (" \u{3000}", .empty),
        ("a@b", .invalidDomain("a@b")),
        ("a@", .invalidDomain("a@")),
        ("a..b@x.com", .invalidLocalPart("a..b@x.com")),
        (".a@x.com", .invalidLocalPart(".a@x.com")),
        ("a.@x.com", .invalidLocalPart("a.@x.com")),
        ("@x.com", .invalidLocalPart("@x.com")),
        ("王伟@x.com", .invalidLocalPart("王伟@x.com")),
        ("a(b)@x.com", .invalidLocalPart("a(b)@x.com")),
        (String(repeating: "a", count: 65) + "@x.com", .invalidLocalPart(String(repeating: "a", count: 65) + "@x.com")),
        ("a@x..com", .invalidDomain("a@x..com")),
        ("a@x.com.", .invalidDomain("a@x.com.")),
        ("a@-x.com", .invalidDomain("a@-x.com")),
        ("a@x-.com", .invalidDomain("a@x-.com")),
        ("a@x.c", .invalidDomain("a@x.c")),
        ("a@x.c0m", .invalidDomain("a@x.c0m")),
        ("a@x_y.com", .invalidDomain("a@x_y.com")),
        ("a b@x.com", .containsSpaces("a b@x.com")),
        ("a@x.com\tb", .containsSpaces("a@x.com\tb")),
        ("wang.example.com", .missingAt("wang.example.com")),
        ("a@b@c.com", .multipleAt("a@b@c.com")),
    ])
    func invalid(raw: String, expected: EmailAddressError) {
        #expect(throws: expected) { try EmailAddress(parsing: raw) }
        #expect(EmailAddress.normalize(raw) == nil)
    }

    @Test("error messages quote the input", arguments: [
        (EmailAddressError.missingAt("wang.example.com"),
         "email \"wang.example.com\" has no @; write it like wang.wei@example.com"),
        (.invalidDomain("a@b"), "email \"a@b\": the domain \"b\" needs a dot, like example.com"),
        (.invalidLocalPart("@x.com"),
         "email \"@x.com\": nothing before the @; add the name part (e.g. wang.wei@example.com)"),
        (.invalidLocalPart("a..b@x.com"),
         "email \"a..b@x.com\": the part before the @ cannot start or end with a dot or have two dots in a row"),
        (.containsSpaces("a b@x.com"), "email \"a b@x.com\" contains a space; remove it (e.g. wang.wei@example.com)"),
    ])
    func messages(error: EmailAddressError, expected: String) {
        #expect(error.description == expected)
    }

    @Test("encodes as the normalized string and validates on decode")
    func codable() throws {
        let email = try EmailAddress(parsing: "Wang.Wei@Example.COM")
        let data = try JSONEncoder().encode([email])
        #expect(String(decoding: data, as: UTF8.self) == #"["wang.wei@example.com"]"#)
        #expect(try JSONDecoder().decode([EmailAddress].self, from: data) == [email])
        #expect(throws: DecodingError.self) {
            try JSONDecoder().decode([EmailAddress].self, from: Data(#"["a@b"]"#.utf8))
        }
    }
}
