import ClewDomain
import ClewViewModel

/// A form as a centred dialog: labels, fields with the focused one highlighted, inline errors
/// and warnings, and the hint line.
struct FormView {
    let model: FormModel
    let t: Localizer

    func draw(in screen: Rect, on canvas: Canvas) {
        let width = min(screen.width - 4, max(76, min(96, screen.width * 3 / 4)))
        let rowsPerField = model.fields.map { 1 + ($0.error != nil || $0.warning != nil ? 1 : 0) }
        // The form's message wraps inside the dialog (never cut), at most four lines.
        let errorLines = model.formError.map { Array(TextWrap.lines($0, width: width - 4).prefix(4)) } ?? []
        let height = min(screen.height - 2, rowsPerField.reduce(0, +) + 5 + (errorLines.isEmpty ? 0 : errorLines.count + 1))
        let rect = Rect(row: screen.row + max(0, (screen.height - height) / 2), column: screen.column + (screen.width - width) / 2,
                        height: height, width: width)
        canvas.fill(rect, element: "dialog")
        canvas.box(rect, title: model.title, element: "dialog-border")
        let labelWidth = min(14, model.fields.map { DisplayWidth.of($0.label) }.max() ?? 8) + 1
        var y = rect.row + 2
        // A form taller than the screen scrolls: it starts at the first field that keeps the
        // focused one in view, and the border says how many are above or below.
        let room = rect.bottom - 2 - errorLines.count - y
        var first = 0
        if model.fields.indices.contains(model.focus) {
            while first < model.focus, rowsPerField[first...model.focus].reduce(0, +) > room { first += 1 }
        }
        let shownRows = rowsPerField.indices.dropFirst(first).reduce(into: (rows: 0, count: 0)) { sum, index in
            if sum.rows + rowsPerField[index] <= room { sum.rows += rowsPerField[index]; sum.count += 1 }
        }
        let below = model.fields.count - first - shownRows.count
        if first > 0 { canvas.text("↑\(first)", row: rect.row, column: rect.right - 8, width: 6, element: "dialog-border") }
        if below > 0 { canvas.text("↓\(below)", row: rect.bottom - 1, column: rect.right - 8, width: 6, element: "dialog-border") }
        for (index, field) in model.fields.enumerated().dropFirst(first) where y < rect.bottom - 2 - errorLines.count {
            let focused = index == model.focus
            let label = (field.required ? "*" : " ") + field.label
            canvas.text(label, row: y, column: rect.column + 2, width: labelWidth + 1, element: "form.label", pad: true)
            let x = rect.column + 4 + labelWidth
            let fieldWidth = rect.right - 2 - x
            let shown = field.value.isEmpty && !focused ? field.placeholder : field.value
            let element = focused ? "form.field-focus" : (field.value.isEmpty ? "form.placeholder" : "form.field")
            if focused && !field.isClosedChoice {
                // The part of a long value around the cursor, so what is typed is always in view.
                let window = TextWrap.window(field.value, cursor: field.cursor, width: fieldWidth)
                canvas.text(window.text, row: y, column: x, width: fieldWidth, element: element, pad: true)
                if field.acceptsOtherText && field.value.isEmpty {
                    // An open choice says what ←/→ offers until the user types their own words.
                    let offered = "←/→ " + field.choices.map(field.choiceLabel).joined(separator: " · ")
                    canvas.text(offered, row: y, column: x + 1, width: fieldWidth - 1, element: "form.placeholder")
                }
                canvas.screen.setCursor(row: y, column: x + window.cursorColumn, visible: true)
            } else {
                let value = field.isClosedChoice ? "‹ \(field.choiceLabel(shown)) ›" : shown
                canvas.text(value, row: y, column: x, width: fieldWidth, element: element, pad: true)
            }
            y += 1
            if let message = field.error ?? field.warning {
                canvas.text("↳ " + message, row: y, column: x, width: fieldWidth, element: field.error != nil ? "form.error" : "status-warning")
                y += 1
            }
        }
        for (index, line) in errorLines.enumerated() {
            canvas.text(line, row: rect.bottom - 2 - errorLines.count + index, column: rect.column + 2, width: rect.width - 4, element: "form.error")
        }
        canvas.text(t("form.hint"), row: rect.bottom - 2, column: rect.column + 2, width: rect.width - 4, element: "dim")
    }
}

/// A yes/no question, sized to its text: the question wraps inside the dialog and `[y/N]` is
/// never cut.
struct ConfirmView {
    let message: String
    /// The answers when the question has more than yes and no.
    var answers: String?
    let t: Localizer

    func draw(in screen: Rect, on canvas: Canvas) {
        let answer = answers ?? t("confirm.yes-no")
        let limit = max(10, screen.width - 8)
        var lines = TextWrap.lines(message, width: limit)
        let widest = lines.map(DisplayWidth.of).max() ?? 0
        if let last = lines.last, DisplayWidth.of(last) + 1 + DisplayWidth.of(answer) <= limit {
            lines[lines.count - 1] = last + " " + answer
        } else {
            lines.append(answer)
        }
        let width = min(screen.width - 4, max(30, max(widest, lines.map(DisplayWidth.of).max() ?? 0) + 4))
        let height = min(screen.height, lines.count + 2)
        let rect = Rect(row: screen.row + max(0, (screen.height - height) / 2), column: screen.column + (screen.width - width) / 2,
                        height: height, width: width)
        canvas.fill(rect, element: "dialog")
        canvas.box(rect, element: "dialog-border")
        for (index, line) in lines.prefix(height - 2).enumerated() {
            canvas.text(line, row: rect.row + 1 + index, column: rect.column + 2, width: rect.width - 4, element: "dialog")
        }
    }
}

/// The `?` help screen, generated from the live keymap: one entry per line with its whole
/// description, scrolled with `j`/`k`, narrowed with `/`.
struct HelpView {
    typealias Section = (title: String, items: [(keys: String, description: String)])
    let sections: [Section]
    let scroll: Int
    let query: String
    let finding: Bool
    let t: Localizer

    /// The width of the keys column.
    static let keysWidth = 14

    /// How many lines the sections take (titles, entries, a blank line between sections).
    static func lineCount(_ sections: [Section]) -> Int { lines(sections).count }

    /// How many lines fit on a screen of `size` (the box inside the body, less the find line).
    static func visibleRows(for size: ScreenSize) -> Int { max(1, size.rows - 3 - 2 - 1) }

    private static func lines(_ sections: [Section]) -> [(String, String, Bool)] {
        var lines: [(String, String, Bool)] = []
        for section in sections {
            if !lines.isEmpty { lines.append(("", "", false)) }
            lines.append((section.title, "", true))
            lines += section.items.map { ($0.keys, $0.description, false) }
        }
        return lines
    }

    func draw(in rect: Rect, on canvas: Canvas) {
        canvas.fill(rect, element: "dialog")
        canvas.box(rect, title: "\(t("help.title")) — \(t("help.close"))", element: "dialog-border")
        let inner = rect.inset(by: 1)
        let all = Self.lines(sections)
        let visible = max(1, inner.height - 1)
        let first = min(scroll, max(0, all.count - visible))
        for (index, line) in all.dropFirst(first).prefix(visible).enumerated() {
            let row = inner.row + index
            if line.2 {
                canvas.text(line.0, row: row, column: inner.column + 1, width: inner.width - 2, element: "section")
            } else if !line.0.isEmpty {
                canvas.line([(DisplayWidth.pad(line.0, to: Self.keysWidth), "help.key"), (line.1, "help.text")],
                            row: row, column: inner.column + 1, width: inner.width - 2)
            }
        }
        let bottom = inner.bottom - 1
        if finding || !query.isEmpty {
            canvas.text("/" + query, row: bottom, column: inner.column + 1, width: inner.width - 2, element: finding ? "prompt" : "dim", pad: true)
            if finding {
                canvas.screen.setCursor(row: bottom, column: min(inner.column + 2 + DisplayWidth.of(query), inner.right - 2), visible: true)
            }
        }
        let below = all.count - first - visible
        if all.isEmpty {
            canvas.text(t("help.nothing", query), row: inner.row, column: inner.column + 1, width: inner.width - 2, element: "dim")
        } else if below > 0 || first > 0 {
            let where_ = below > 0 ? t("help.more", below) : t("help.top")
            let width = DisplayWidth.of(where_)
            canvas.text(where_, row: bottom, column: inner.right - 1 - width, width: width, element: "dim")
        }
    }
}
