/// Who may give a task to whom (seed 000: 连接销售、市场、法务、财务等部门; 003: 迅速得到同事或领导的帮助).
///
/// - A task for oneself: on a lead, the `addTask` permission; standalone, always.
/// - A task for a colleague on a lead: anyone who can see the lead (a rep asks legal to review
///   the contract terms of their deal, finance asks the owner for an invoice title).
/// - A standalone task for a colleague: admins, supervisors, and a supervisor's own team.
public enum TaskHandOff {
    /// Throws unless `actor` may give `assignee` a task, on the lead `lead` (`number`) or standalone.
    public static func check(by actor: ActingUser, to assignee: String, on lead: LeadAccessFacts?, number: String?) throws(PermissionError) {
        if let lead, let number {
            try AccessPolicy.check(assignee == actor.login ? .addTask : .read, on: lead, number: number, by: actor)
            return
        }
        guard assignee != actor.login else { return }
        guard actor.role == .admin || actor.role == .supervisor || actor.team.contains(assignee) else {
            throw .lacks(.manageUsers, login: actor.login, role: actor.role)
        }
    }
}
