namespace Sipas.Reports;

/// <summary>The scorecards' own fixed texts; everything else comes from <see cref="ReportTexts"/>.</summary>
internal sealed record ScorecardTexts(
    string AgencyTitle, string CommuneTitle, string AgencyTitleOne, string CommuneTitleOne, string Index, string Rank,
    Func<int, string> Of, string ChangeSince, string Elements, string Weakest, string AgencyRankNote, string CommuneRankNote,
    string SmallSampleNote, string NoPrevious, string NotRanked, string Cards, string Points, string Since)
{
    public static ScorecardTexts For(ReportLanguage language) => language == ReportLanguage.En ? En : Vi;

    public static ScorecardTexts Vi { get; } = new(
        "Phiếu điểm các cơ quan", "Phiếu điểm các xã, phường", "Phiếu điểm cơ quan", "Phiếu điểm xã, phường",
        "Chỉ số", "Xếp hạng (khoảng 95%)", n => $"trên {n}", "Thay đổi so với đợt trước", "Các yếu tố",
        "Ba tiêu chí thấp nhất",
        "Thứ hạng kèm khoảng tin cậy 95% của thứ hạng (method.md §9): các cơ quan thuộc các tầng khác nhau nên ước lượng độc lập.",
        "Thứ hạng kèm khoảng tin cậy 95% của thứ hạng (method.md §9), coi các xã, phường là độc lập — một phép xấp xỉ, vì các xã dùng chung tầng (cơ quan × lĩnh vực).",
        "Mẫu nhỏ (dưới 30 phiếu hợp lệ): kết quả chỉ mang tính tham khảo.", "Chưa có số liệu đợt trước", "Không xếp hạng (chưa xác định)",
        "Số phiếu điểm", "điểm %", "so với");

    public static ScorecardTexts En { get; } = new(
        "Agency scorecards", "Commune scorecards", "Agency scorecard", "Commune scorecard",
        "Index", "Rank (95% interval)", n => $"of {n}", "Change since the previous wave", "Elements",
        "Three weakest criteria",
        "Rank with the 95% interval of the rank (method.md §9): agencies lie in different strata, so their estimates are independent.",
        "Rank with the 95% interval of the rank (method.md §9), treating communes as independent — an approximation, since communes share strata (agency × area).",
        "Small sample (fewer than 30 valid responses): indicative only.", "No figure in the previous wave", "Not ranked (undefined)",
        "Scorecards", "pp", "against");
}
