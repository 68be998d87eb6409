import ClewDomain
import ClewViewModel

/// A form as a centred dialog: labels, fields with the focused one highlighted, inline errors
/// and warnings, and the hint line.
struct FormView {
    let model: FormModel
    let t: Localizer

    func draw(in screen: Rect, on canvas: Canvas) {
        let width = min(screen.width - 4, 76)
        let rowsPerField = model.fields.map { 1 + ($0.error != nil || $0.warning != nil ? 1 : 0) }
        let height = min(screen.height - 2, rowsPerField.reduce(0, +) + 5 + (model.formError == nil ? 0 : 2))
        let rect = Rect(row: screen.row + max(0, (screen.height - height) / 2), column: screen.column + (screen.width - width) / 2,
                        height: height, width: width)
        canvas.fill(rect, element: "dialog")
        canvas.box(rect, title: model.title, element: "dialog-border")
        let labelWidth = min(14, model.fields.map { DisplayWidth.of($0.label) }.max() ?? 8) + 1
        var y = rect.row + 2
        for (index, field) in model.fields.enumerated() where y < rect.bottom - 2 {
            let focused = index == model.focus
            let label = (field.required ? "*" : " ") + field.label
            canvas.text(label, row: y, column: rect.column + 2, width: labelWidth + 1, element: "form.label", pad: true)
            let x = rect.column + 4 + labelWidth
            let fieldWidth = rect.right - 2 - x
            let shown = field.value.isEmpty && !focused ? field.placeholder : field.value
            let value = field.choices.isEmpty ? shown : "‹ \(shown) ›"
            canvas.text(value, row: y, column: x, width: fieldWidth, element: focused ? "form.field-focus" : (field.value.isEmpty ? "form.placeholder" : "form.field"), pad: true)
            if focused && field.choices.isEmpty {
                let before = String(field.value.prefix(field.cursor))
                canvas.screen.setCursor(row: y, column: min(x + DisplayWidth.of(before), rect.right - 3), visible: true)
            }
            y += 1
            if let message = field.error ?? field.warning {
                canvas.text("↳ " + message, row: y, column: x, width: fieldWidth, element: field.error != nil ? "form.error" : "status-warning")
                y += 1
            }
        }
        if let error = model.formError {
            canvas.text(error, row: rect.bottom - 3, column: rect.column + 2, width: rect.width - 4, element: "form.error")
        }
        canvas.text(t("form.hint"), row: rect.bottom - 2, column: rect.column + 2, width: rect.width - 4, element: "dim")
    }
}

/// A yes/no question.
struct ConfirmView {
    let message: String
    let t: Localizer

    func draw(in screen: Rect, on canvas: Canvas) {
        let width = min(screen.width - 4, max(40, DisplayWidth.of(message) + 8))
        let rect = Rect(row: screen.row + screen.height / 2 - 2, column: screen.column + (screen.width - width) / 2, height: 4, width: width)
        canvas.fill(rect, element: "dialog")
        canvas.box(rect, element: "dialog-border")
        canvas.text("\(message) \(t("confirm.yes-no"))", row: rect.row + 1, column: rect.column + 2, width: rect.width - 4, element: "dialog")
    }
}

/// The `?` help screen, generated from the live keymap.
struct HelpView {
    let sections: [(title: String, items: [(keys: String, description: String)])]
    let t: Localizer

    func draw(in rect: Rect, on canvas: Canvas) {
        canvas.fill(rect, element: "dialog")
        canvas.box(rect, title: "\(t("help.title")) — \(t("help.close"))", element: "dialog-border")
        let inner = rect.inset(by: 1)
        let columns = max(1, inner.width / 36)
        let columnWidth = inner.width / columns
        // Lay out every line first, so whatever does not fit is counted, never silently dropped.
        var lines: [(String, String, Bool)] = []
        for section in sections {
            if !lines.isEmpty { lines.append(("", "", false)) }
            lines.append((section.title, "", true))
            lines += section.items.map { ($0.keys, $0.description, false) }
        }
        let capacity = columns * inner.height
        let overflow = lines.count > capacity
        let shown = overflow ? Array(lines.prefix(capacity - 1)) : lines
        for (index, line) in shown.enumerated() {
            let row = inner.row + index % inner.height
            let column = inner.column + 1 + (index / inner.height) * columnWidth
            if line.2 {
                canvas.text(line.0, row: row, column: column, width: columnWidth - 2, element: "section")
            } else if !line.0.isEmpty {
                canvas.line([(DisplayWidth.pad(line.0, to: 12), "help.key"), (line.1, "help.text")], row: row, column: column, width: columnWidth - 2)
            }
        }
        if overflow {
            let more = "… \(lines.count - shown.count) more: clew keys --dump"
            canvas.text(more, row: inner.bottom - 1, column: inner.column + 1 + (columns - 1) * columnWidth, width: columnWidth - 2, element: "dim")
        }
    }
}
