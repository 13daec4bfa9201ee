namespace Sipas.Reports;

/// <summary>The sector, health and education reports' own fixed texts; everything else comes from <see cref="ReportTexts"/>.</summary>
internal sealed record SectorTexts(
    Func<string, string> AreaTitle, string HealthTitle, string EducationTitle,
    Func<string, string> AreaReading, string PooledReading, string MeanReading,
    string Questionnaire, string IndexMethod, string PooledMethod, string MeanMethod,
    string IndexHeading, string ElementsHeading, string CriteriaHeading, Func<int, string> WeakestHeading,
    string AgenciesHeading, string FacilitiesHeading, string SchoolsHeading, string CommunesHeading, string NotesHeading,
    string Facility, string School, string ServedBy,
    string Index, string ChangeSince, string NoPrevious, string Points, string Since,
    Func<string, string> NoResponses, string NoneInQuestionnaire, string SmallSampleNote, string ChangeNote, string CommunesNote)
{
    public static SectorTexts For(ReportLanguage language) => language == ReportLanguage.En ? En : Vi;

    public static SectorTexts Vi { get; } = new(
        area => $"Báo cáo lĩnh vực {area}", "Báo cáo sự hài lòng với dịch vụ y tế công", "Báo cáo sự hài lòng với dịch vụ giáo dục công",
        area => $"Chỉ số của lĩnh vực là chỉ số hài lòng chung SIPAS tính trên các phiếu SIPAS hợp lệ thuộc lĩnh vực {area}, "
            + "theo thiết kế mẫu của cả đợt (method-notes.md §1). Các cơ quan và xã, phường là các phiếu của lĩnh vực tại từng nơi.",
        "Chỉ số chung là tỷ lệ hài lòng chung theo cách tính của Bộ Y tế: tổng (có trọng số) các câu trả lời hài lòng "
            + "(4 hoặc 5) trên tổng các câu trả lời hợp lệ của mọi tiêu chí (method.md §3.3); chỉ số mỗi phần tính gộp như vậy trên các tiêu chí của phần.",
        "Chỉ số chung là trung bình chỉ số các yếu tố; chỉ số mỗi yếu tố là trung bình tỷ lệ hài lòng các tiêu chí của yếu tố (method.md §3).",
        "Bảng hỏi", "Cách tính chỉ số", "gộp mọi tiêu chí (cách tính của Bộ Y tế)", "trung bình các yếu tố",
        "Chỉ số so với chỉ tiêu", "Các yếu tố", "Các tiêu chí", n => $"{n} tiêu chí thấp nhất",
        "Các cơ quan", "Các cơ sở y tế", "Các trường học", "Các xã, phường", "Ghi chú",
        "Cơ sở y tế", "Trường học", "Cơ quan phục vụ",
        "Chỉ số", "Thay đổi so với đợt trước", "Chưa có số liệu đợt trước", "điểm %", "so với",
        area => $"Kết quả này không có phiếu hợp lệ nào của lĩnh vực {area}: chưa có số liệu để báo cáo.",
        "Đợt khảo sát không có bảng hỏi này.",
        "Mẫu nhỏ (dưới 30 phiếu hợp lệ): kết quả chỉ mang tính tham khảo, cần thận trọng khi so sánh.",
        "Thay đổi: hiệu số điểm % so với đợt trước; * có ý nghĩa thống kê (kiểm định z hai phía, p < 0,05), coi hai mẫu là độc lập.",
        "Mỗi xã, phường được tính riêng theo cơ quan phục vụ tại đó (nhóm lĩnh vực × cơ quan × xã, method-notes.md §8).");

    public static SectorTexts En { get; } = new(
        area => $"Sector report: {area}", "Satisfaction with public health services", "Satisfaction with public education",
        area => $"The sector's index is the SIPAS overall index over the valid SIPAS responses of the {area} area, within the "
            + "design of the whole wave (method-notes.md §1). Agencies and communes are the area's responses at each place.",
        "The overall index is the Ministry of Health's overall satisfaction rate: the (weighted) satisfied answers (4 or 5) "
            + "over the valid answers of every criterion, pooled (method.md §3.3); each part's index is pooled the same way over its criteria.",
        "The overall index is the mean of the element indices; each element's index is the mean of its criteria's satisfaction rates (method.md §3).",
        "Questionnaire", "Index method", "pooled over every criterion (Ministry of Health)", "mean of the elements",
        "Index against the target", "Elements", "Criteria", n => $"The {n} weakest criteria",
        "Agencies", "Health facilities", "Schools", "Communes", "Notes",
        "Health facility", "School", "Serving agency",
        "Index", "Change since the previous wave", "No figure in the previous wave", "pp", "against",
        area => $"This snapshot has no valid response in the {area} area: there are no figures to report yet.",
        "The wave has no such questionnaire.",
        "Small sample (fewer than 30 valid responses): indicative only; compare with care.",
        "Change: difference in percentage points since the previous wave; * significant (two-sided z test, p < 0.05), the two samples taken as independent.",
        "Each commune is read per agency serving it (area × agency × commune groups, method-notes.md §8).");
}
