@testable import ClewDomain
import Foundation
import Testing

/// The arithmetic fast paths of ``CalendarDay`` give what Foundation's calendar gives.
@Suite("CalendarDay arithmetic against Foundation")
struct CalendarDayArithmeticTests {
    @Test(arguments: ["Asia/Shanghai", "America/New_York", "UTC", "Asia/Kathmandu", "Australia/Lord_Howe", "Europe/London"])
    func daysAndInstantsMatchFoundation(zone: String) throws {
        let timeZone = try #require(TimeZone(identifier: zone))
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = timeZone
        var generator = SystemRandomNumberGenerator()
        for _ in 0..<2_000 {
            // 1990 … 2060, including every daylight-saving change in between.
            let date = Date(timeIntervalSince1970: Double.random(in: 631_152_000...2_871_763_200, using: &generator))
            let parts = calendar.dateComponents([.year, .month, .day], from: date)
            let day = CalendarDay.containing(date, using: calendar)
            #expect([day.year, day.month, day.day] == [parts.year, parts.month, parts.day], "\(date) in \(zone)")
            let minute = Int.random(in: 0..<1_440, using: &generator)
            let expected = calendar.date(from: DateComponents(year: day.year, month: day.month, day: day.day, hour: minute / 60, minute: minute % 60))
            #expect(day.date(using: calendar, minute: minute) == expected, "\(day) \(minute) in \(zone)")
        }
    }
}
