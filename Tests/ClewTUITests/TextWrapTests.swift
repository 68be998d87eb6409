import ClewDomain
import Testing
@testable import ClewTUI

@Suite("Text wrapping and field windows")
struct TextWrapTests {
    @Test func chineseWrapsAnywhereAndEnglishAtSpaces() {
        let lines = TextWrap.lines("客户说下周再联系，预算已批", width: 10)
        #expect(lines == ["客户说下周", "再联系，预", "算已批"])
        #expect(lines.allSatisfy { DisplayWidth.of($0) <= 10 })
        #expect(TextWrap.lines("Move XL-20261123-001 to Proposal?", width: 24) == ["Move XL-20261123-001 to", "Proposal?"])
        #expect(TextWrap.lines("", width: 5) == [""])
    }

    @Test func aLongValueScrollsToKeepTheCursorInView() {
        let value = "电话沟通了报价细节，客户要求下周演示"     // 18 wide characters, 36 cells
        let end = TextWrap.window(value, cursor: value.count, width: 20)
        #expect(end.text.hasSuffix("下周演示"))
        #expect(end.cursorColumn <= 19 && DisplayWidth.of(end.text) <= 20)
        let start = TextWrap.window(value, cursor: 0, width: 20)
        #expect(start.text.hasPrefix("电话沟通") && start.cursorColumn == 0)
        let short = TextWrap.window("abc", cursor: 1, width: 20)
        #expect(short == (text: "abc", cursorColumn: 1))
    }
}
