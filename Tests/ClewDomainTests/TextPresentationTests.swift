import ClewDomain
import Foundation
import Testing

@Suite("Display width and dates as typed")
struct TextPresentationTests {
    @Test(arguments: [("abc", 3), ("华东", 4), ("王伟 A", 6), ("，。", 4), ("🎉", 2), ("é", 1), ("ｱ", 1), ("Ａ", 2)])
    func widths(text: String, cells: Int) {
        #expect(DisplayWidth.of(text) == cells)
    }

    @Test func truncationNeverSplitsAWideCharacter() {
        #expect(DisplayWidth.truncate("杭州恒通科技有限公司", to: 7) == "杭州恒…")
        #expect(DisplayWidth.of(DisplayWidth.truncate("杭州恒通科技有限公司", to: 8)) <= 8)
        #expect(DisplayWidth.truncate("abc", to: 3) == "abc")
        #expect(DisplayWidth.pad("华东", to: 6) == "华东  ")
    }

    let zone = TimeZone(identifier: "Asia/Shanghai") ?? .current
    var now: Date { CalendarDay(year: 2026, month: 11, day: 23).date(in: zone).addingTimeInterval(10 * 3_600) }

    @Test func absoluteDates() throws {
        let day = CalendarDay(year: 2026, month: 11, day: 26).date(in: zone)
        #expect(try DateExpression.parse("2026-11-26", now: now, timeZone: zone) == day.addingTimeInterval(18 * 3_600))
        #expect(try DateExpression.parse("2026-11-26", now: now, timeZone: zone, startOfDay: true) == day)
        #expect(try DateExpression.parse("2026-11-26 14:30", now: now, timeZone: zone) == day.addingTimeInterval(14.5 * 3_600))
        #expect(try DateExpression.parse("11/26", now: now, timeZone: zone) == day.addingTimeInterval(18 * 3_600))
    }

    @Test func relativeDates() throws {
        #expect(try DateExpression.parse("+2h", now: now, timeZone: zone) == now.addingTimeInterval(7_200))
        #expect(try DateExpression.parse("3d", now: now, timeZone: zone) == now.addingTimeInterval(3 * 86_400))
        #expect(try DateExpression.parse("明天", now: now, timeZone: zone)
            == CalendarDay(year: 2026, month: 11, day: 24).date(in: zone).addingTimeInterval(18 * 3_600))
    }

    @Test(arguments: ["next week", "2026-13-01", "2026-11-26 25:00", "+x"])
    func rejectsNonsense(text: String) {
        #expect(throws: DateExpressionError.unrecognized(text)) { try DateExpression.parse(text, now: now, timeZone: zone) }
    }
}
