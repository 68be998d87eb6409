import ClewDomain
import ClewServices
import ClewStore
@testable import ClewViewModel
import Foundation
import Testing

/// Issue 16 §5–6: what the first frame reads, and the screening queue read off the key loop.
@Suite("Cold start and background loads")
struct ColdStartTests {
    /// Waits (bounded) for the model's background read and applies it.
    private func collect(_ app: AppModel) -> Bool {
        let deadline = Date().addingTimeInterval(10)
        while Date() < deadline {
            if app.collectBackgroundLoads() { return true }
            usleep(2_000)
        }
        return false
    }

    @Test func theFirstFrameReadsTheQueueCountAndTheItemsFollowInTheBackground() throws {
        let fixture = try Fixture()
        for index in 0..<3 { try fixture.lead("杭州恒通科技\(index)号有限公司", phone: "1380013800\(index)") }
        let app = AppModel(services: try fixture.services("bob"), language: .en)
        app.loadsInBackground = true
        try app.start()
        let screening = try #require(app.screening)
        #expect(screening.total == 3, "the tab's badge is right on the first frame")
        #expect(screening.isLoaded == false)
        #expect(app.tabs.first { $0.screen == .screening }?.badge == 3)

        #expect(collect(app))
        #expect(screening.isLoaded)
        #expect(screening.items.count == 3)
        #expect(app.isLoadingInBackground == false)
        #expect(app.collectBackgroundLoads() == false, "a result is applied once")
    }

    @Test func aForegroundReloadSupersedesABackgroundOne() throws {
        let fixture = try Fixture()
        try fixture.lead("杭州恒通科技有限公司", phone: "13800138000")
        let services = try fixture.services("bob")
        let screening = ScreeningModel(services: services)
        screening.reloadInBackground()
        try fixture.lead("上海云帆信息技术有限公司", phone: "13800138001")
        try screening.reload() // after the user's own action: read now, the older read is dropped
        #expect(screening.items.count == 2)
        usleep(200_000)
        #expect(try screening.collectBackgroundLoad() == false)
        #expect(screening.items.count == 2)
    }

    @Test func othersChangesReadTheQueueInTheBackgroundWhenTheTerminalAsks() throws {
        let fixture = try Fixture()
        let app = AppModel(services: try fixture.services("bob"), language: .en)
        app.loadsInBackground = true
        app.feed = try ChangeFeed(database: fixture.database)
        try app.start()
        #expect(collect(app))
        #expect(app.screening?.items.isEmpty == true)

        try fixture.lead("杭州恒通科技有限公司", phone: "13800138000") // root, another user
        #expect(app.pollChanges())
        #expect(collect(app))
        #expect(app.screening?.items.count == 1)
        #expect(app.screening?.total == 1)
    }

    @Test func scriptedSessionsStillReadEverythingInPlace() throws {
        let fixture = try Fixture()
        try fixture.lead("杭州恒通科技有限公司", phone: "13800138000")
        let app = try fixture.app("bob") // loadsInBackground is off
        #expect(app.screening?.isLoaded == true)
        #expect(app.screening?.items.count == 1)
        #expect(app.isLoadingInBackground == false)
    }

    @Test func theBoardScopesThatNeedNoVisibilityRule() {
        #expect(BoardScope.mine.impliesReadable(for: .rep))
        #expect(!BoardScope.team.impliesReadable(for: .rep))
        #expect(!BoardScope.all.impliesReadable(for: .rep))
        #expect(BoardScope.team.impliesReadable(for: .supervisor))
        #expect(!BoardScope.all.impliesReadable(for: .supervisor))
        #expect(!BoardScope.mine.impliesReadable(for: .marketing))
        #expect(BoardScope.all.impliesReadable(for: .admin))
    }
}
