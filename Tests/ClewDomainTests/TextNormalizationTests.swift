import ClewDomain
import Testing

@Suite("TextNormalization")
struct TextNormalizationTests {

    @Test("halfWidth converts full-width ASCII variants only", arguments: [
        ("１３８", "138"),
        ("ＡＢＣａｂｃ", "ABCabc"),
        ("＋８６", "+86"),
        ("（０５７１）－", "(0571)-"),
        ("＠．＃", "@.#"),
        ("a\u{3000}b", "a b"),
        ("价格高，再联系。", "价格高，再联系。"),
        ("好！真的？时间：周一；", "好！真的？时间：周一；"),
        ("「华东区」、客户", "「华东区」、客户"),
        ("plain ascii", "plain ascii"),
    ])
    func halfWidth(input: String, expected: String) {
        #expect(TextNormalization.halfWidth(input) == expected)
    }

    @Test("trimmed removes white space, ideographic and zero-width spaces at the ends", arguments: [
        ("\u{3000} a \u{3000}", "a"),
        ("\u{200B}x\u{FEFF}", "x"),
        ("\u{FEFF}\u{00A0}王伟\u{200B}", "王伟"),
        ("\n\ta b\r\n", "a b"),
        ("a\u{200B}b", "a\u{200B}b"),
        ("   ", ""),
        ("", ""),
    ])
    func trimmed(input: String, expected: String) {
        #expect(TextNormalization.trimmed(input) == expected)
    }

    @Test("terminalSafe strips controls, escape sequences and bidi overrides", arguments: [
        ("ok\u{1B}[31mred\u{1B}[0m", "okred"),
        ("a\u{1B}[1;31;4mb\u{1B}[2J\u{1B}[H", "ab"),
        ("a\u{1B}[?1049hb", "ab"),
        ("a\u{1B}]0;pwned\u{07}b", "ab"),
        ("a\u{1B}]2;title\u{1B}\\b", "ab"),
        ("a\u{1B}]8;;http://x\u{1B}\\link\u{1B}]8;;\u{1B}\\b", "alinkb"),
        ("a\u{1B}]0;never ends", "a"),
        ("a\u{1B}P1$r\u{1B}\\b", "ab"),
        ("a\u{9B}31mb", "ab"),
        ("a\u{9D}0;t\u{9C}b", "ab"),
        ("a\u{85}b\u{9C}c\u{80}", "abc"),
        ("\u{1B}(Bx", "x"),
        ("\u{1B}7saved\u{1B}8", "saved"),
        ("\u{1B}[1;31\u{1B}[0mz", "z"),
        ("a\u{1B}[31", "a"),
        ("a\u{1B}", "a"),
        ("x\u{202E}evil\u{202C}y", "xevily"),
        ("\u{2066}a\u{2067}b\u{2068}c\u{2069}", "abc"),
        ("\u{202A}\u{202B}\u{202D}ltr", "ltr"),
        ("第一行\n第二行\t完", "第一行 第二行 完"),
        ("bell\u{07}\r\n", "bell "),
        ("nul\u{0}del\u{7F}x", "nuldelx"),
        ("华东区制造业客户 😀 e\u{301}", "华东区制造业客户 😀 e\u{301}"),
        ("", ""),
    ])
    func terminalSafe(input: String, expected: String) {
        #expect(TextNormalization.terminalSafe(input) == expected)
    }

    @Test func terminalSafeCanKeepLineBreaks() {
        #expect(TextNormalization.terminalSafe("行一\r\n行二\t\u{1B}[2Jx\u{9B}31m", keepingLineBreaks: true) == "行一\r\n行二\tx")
        #expect(TextNormalization.terminalSafe("行一\r\n行二") == "行一 行二")
    }

    @Test("spreadsheetSafe guards every formula trigger", arguments: [
        ("=SUM(1)", "'=SUM(1)"), ("+86 138", "'+86 138"), ("-1+2", "'-1+2"), ("@SUM(1)", "'@SUM(1)"),
        ("\t=1", "'\t=1"), ("\r=1", "'\r=1"), ("恒通科技", "恒通科技"), ("a=b", "a=b"), ("", ""), ("'quoted'", "'quoted'"),
    ])
    func spreadsheetSafe(input: String, expected: String) {
        #expect(TextNormalization.spreadsheetSafe(input) == expected)
        #expect(TextNormalization.removingSpreadsheetGuard(TextNormalization.spreadsheetSafe(input)) == input)
    }
}
