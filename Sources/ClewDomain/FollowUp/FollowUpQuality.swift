/// Spots follow-up notes too vague to be useful to the next person ("已沟通", "followed up").
public enum FollowUpQuality {
    /// Phrases that say nothing on their own.
    public static let vaguePhrases: [String] = [
        "已沟通", "已联系", "待跟进", "跟进中", "继续跟进", "已跟进", "沟通中", "再联系", "无", "暂无",
        "followed up", "follow up", "following up", "called", "contacted", "talked", "no update",
        "tbd", "n/a", "ok", "done",
    ]

    /// Warnings for a record: a vague or very short note, or no next action.
    public static func warnings(for record: FollowUpDraft) -> [String] {
        var warnings: [String] = []
        if isVague(record.content) {
            warnings.append("the note \"\(record.content)\" is vague: say what was discussed, the customer's feedback and what changed")
        }
        if record.nextAction == nil {
            warnings.append("no next action: every follow-up should say what happens next and when")
        }
        return warnings
    }

    /// Whether a note is only a vague phrase (ignoring punctuation), or too short to carry content.
    public static func isVague(_ content: String) -> Bool {
        let core = content.lowercased().filter { !$0.isPunctuation && !$0.isWhitespace && !$0.isSymbol }
        if core.isEmpty { return true }
        if vaguePhrases.contains(where: { $0.filter { !$0.isWhitespace } == core }) { return true }
        // Fewer than 4 CJK characters or 8 Latin letters says too little.
        let cjk = core.unicodeScalars.filter { $0.value >= 0x3400 && $0.value <= 0x9FFF }.count
        return cjk == 0 ? core.count < 8 : cjk < 4 && core.count < 8
    }
}
