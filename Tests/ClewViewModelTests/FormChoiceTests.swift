import ClewDomain
@testable import ClewViewModel
import Foundation
import Testing

@Suite("View models: typing into choice fields keeps the value one of the choices; open choices take the user's words")
struct FormChoiceTests {
    private func type(_ text: String, into form: FormModel) { text.forEach(form.type) }

    @Test func aClosedChoiceIgnoresCharactersThatPickNothing() throws {
        let form = FormFactory(t: Localizer(.en)).make(.grade(number: "XL-20261203-002"))
        #expect(form.focusedField?.key == "grade" && form.focusedField?.value == "B")
        type("预", into: form)
        #expect(form.fields[0].value == "B", "a character no choice starts with is not inserted: \(form.fields[0].value)")
        type("x", into: form)
        form.deleteBackward()
        form.deleteForward()
        #expect(form.fields[0].value == "B")
        type("a", into: form)
        #expect(form.fields[0].value == "A")
        // The reason is free text, typed after Tab.
        form.nextField()
        type("预算明确", into: form)
        #expect(form.value("grade") == "A" && form.value("reason") == "预算明确")
    }

    @Test func typingALetterCyclesAmongTheChoicesThatStartWithIt() {
        let form = FormModel(kind: .grade(number: "XL-1"), title: "t", fields: [
            FormField(key: "who", label: "who", value: "", choices: ["", "wang.fang", "wu.lei", "li.qiang"]),
        ])
        type("w", into: form)
        #expect(form.fields[0].value == "wang.fang")
        type("w", into: form)
        #expect(form.fields[0].value == "wu.lei")
        type("w", into: form)
        #expect(form.fields[0].value == "wang.fang", "wraps around past the last match")
        type("L", into: form)
        #expect(form.fields[0].value == "li.qiang", "case-insensitive")
    }

    @Test func aChoiceIsPickedByItsShownLabelAsWellAsItsStoredValue() throws {
        let form = FormFactory(t: Localizer(.zh)).make(.followUp(number: "XL-1"))
        let method = try #require(form.fields.firstIndex { $0.key == "method" })
        form.focus(key: "method")
        type("微", into: form)
        #expect(form.fields[method].value == FollowUpMethod.wechat.rawValue, "\(form.fields[method].value)")
        type("p", into: form)
        #expect(form.fields[method].value == FollowUpMethod.phone.rawValue)
    }

    @Test func theLostReasonOffersTheStandardReasonsAndTakesTheUsersOwnWords() throws {
        let form = FormFactory(t: Localizer(.zh)).make(.lose(number: "XL-1"))
        let reason = try #require(form.focusedField)
        #expect(reason.acceptsOtherText && !reason.isClosedChoice)
        form.moveCursor(by: 1)
        #expect(form.value("reason") == LostReason.standard[0].chineseName, "←/→ cycle while the value is blank or a choice")
        form.moveCursor(by: 1)
        #expect(form.value("reason") == LostReason.standard[1].chineseName)
        // Typing after a chosen reason edits it as text; ←/→ then move the cursor.
        while form.focusedField?.value.isEmpty == false { form.deleteBackward() }
        type("总部统一采购", into: form)
        form.moveCursor(by: -2)
        type("了", into: form)
        #expect(form.value("reason") == "总部统一了采购")
        #expect(LostReason(parsing: form.value("reason") ?? "") == .other("总部统一了采购"))
    }

    @Test func theAssigneeTakesARepWhoIsNotAmongTheSuggestions() throws {
        let form = FormFactory(t: Localizer(.en)).make(.assign(numbers: ["XL-1"]), suggestions: ["wang.fang", "li.qiang"])
        #expect(form.value("assignee") == "wang.fang")
        while form.focusedField?.value.isEmpty == false { form.deleteBackward() }
        type("liu.yun", into: form)
        #expect(form.value("assignee") == "liu.yun", "typing is text, not a jump to li.qiang")
    }

    @Test func aDraftSavedBeforeOpenChoicesExistedStillOpens() throws {
        let form = FormFactory(t: Localizer(.en)).make(.lose(number: "XL-1"))
        type("no budget", into: form)
        var json = try #require(try JSONSerialization.jsonObject(with: JSONEncoder().encode(form.draft)) as? [String: Any])
        var fields = try #require(json["fields"] as? [[String: Any]])
        #expect(fields[0]["acceptsOtherText"] as? Bool == true)
        fields[0].removeValue(forKey: "acceptsOtherText")
        json["fields"] = fields
        let old = try JSONDecoder().decode(FormDraft.self, from: JSONSerialization.data(withJSONObject: json))
        #expect(old.fields[0].value == "no budget" && !old.fields[0].acceptsOtherText)
        let round = try JSONDecoder().decode(FormDraft.self, from: JSONEncoder().encode(form.draft))
        #expect(round == form.draft)
    }
}
