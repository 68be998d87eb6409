/// The leads behind one figure of a report: what `Enter` on a dashboard bar or row lists. Each
/// case selects exactly the leads (or stage visits) the figure counted, over the same period,
/// scope and filters.
public enum ReportSlice: Hashable, Sendable {
    /// Leads registered in the period that reached this funnel step (`registered`, `valid`,
    /// `assigned`, a stage key, `won`) or a later one: ``FunnelReport/Step/reached``.
    case funnelStep(String)
    /// Visits to this stage entered in the period that ran past their plan (ended late, or open
    /// and already late): ``StageTimeReport/Line/late``. A lead is listed once per late visit.
    case lateInStage(String)
    /// Leads this rep received (was assigned) in the period: ``RepReport/Line/received``.
    case receivedBy(String)
    /// Leads registered in the period from this source ("" for none): ``SourceReport/Line/leads``.
    case source(String)
    /// Leads registered in the period for this campaign ("" for none).
    case campaign(String)
    /// Leads registered in the period: ``TrendReport/total``'s new leads.
    case registered
    /// Leads won in the period: ``TrendReport/total``'s wins.
    case won
}
