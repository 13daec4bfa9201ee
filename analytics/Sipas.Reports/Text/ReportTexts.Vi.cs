namespace Sipas.Reports;

internal sealed partial record ReportTexts
{
    public static ReportTexts Vi { get; } = new()
    {
        Language = "vi",
        Title = "Kết quả đo lường sự hài lòng",
        Subtitle = "của người dân, tổ chức đối với sự phục vụ của cơ quan hành chính nhà nước",
        Province = name => $"Tỉnh {name}",
        ProvinceCode = "Mã tỉnh",
        Wave = "Đợt khảo sát",
        Fieldwork = "Thời gian khảo sát",
        PeriodRated = "Kỳ được đánh giá",
        MethodVersion = "Phiên bản phương pháp",
        DataHash = "Mã băm dữ liệu",
        ComputedAt = "Thời điểm tính",
        ComputedBy = "Người yêu cầu",
        Scheduled = "lịch tự động",
        VietnamZone = "giờ Việt Nam, UTC+7",
        Page = (page, total) => $"Trang {page}/{total}",
        AtLeast = threshold => $"từ {threshold} trở lên",
        Contents = "Mục lục",

        SummaryHeading = "Các chỉ số so với chỉ tiêu",
        SummaryIntro = "Mỗi chỉ số được so với chỉ tiêu của năm. Kết luận là “chắc chắn” khi cả khoảng tin cậy 95% "
            + "nằm cùng phía với chỉ tiêu, và “trong biên sai số” khi khoảng tin cậy chứa chỉ tiêu.",
        EstimatesChart = "Ước lượng, khoảng tin cậy 95% và chỉ tiêu (%)",
        ChangeHeading = "Thay đổi so với đợt trước",
        ChangeChart = "Thay đổi so với đợt trước (điểm %), với khoảng ±1,96·SE",
        ChangeNote = "* thay đổi có ý nghĩa thống kê (kiểm định z hai phía, p < 0,05).",
        AreasHeading = "Kết quả theo lĩnh vực",
        AreasChart = "Chỉ số hài lòng theo lĩnh vực (%)",
        AgenciesHeading = "Kết quả theo cơ quan",
        CommunesHeading = "Kết quả theo xã, phường",
        BreakdownHeading = "Kết quả theo yếu tố và tiêu chí",
        BreakdownIntro = "Chỉ số của mỗi yếu tố là trung bình tỷ lệ hài lòng của các tiêu chí thuộc yếu tố đó; "
            + "điểm trung bình tính trên thang 1–5.",
        SectionsChart = "Chỉ số hài lòng theo yếu tố (%)",
        ReliabilityHeading = "Độ tin cậy của thang đo",
        ReliabilityIntro = "Hệ số Cronbach's alpha của mỗi yếu tố, tính trên các phiếu trả lời đủ mọi tiêu chí của "
            + "yếu tố bằng giá trị 1–5. Giá trị từ 0,7 trở lên thường được coi là chấp nhận được.",
        AnnexHeading = "Phụ lục phương pháp",
        GroupIntro = "Chỉ số hài lòng chung của từng đơn vị, với khoảng tin cậy 95%. Ghi chú “mẫu nhỏ” khi có dưới "
            + "30 phiếu hợp lệ: kết quả vẫn được công bố nhưng cần thận trọng khi so sánh.",

        Indicator = "Chỉ số",
        Target = "Chỉ tiêu",
        Estimate = "Ước lượng",
        Interval = "Khoảng tin cậy 95%",
        Verdict = "Kết luận",
        Basis = "Căn cứ",
        Flags = "Ghi chú",
        Code = "Mã",
        Area = "Lĩnh vực",
        Agency = "Cơ quan",
        Commune = "Xã, phường",
        PreviousWave = "Đợt trước",
        Previous = "Kết quả đợt trước",
        Change = "Thay đổi (điểm %)",
        Significant = "Có ý nghĩa",
        Yes = "Có",
        No = "Không",
        Element = "Yếu tố",
        Criterion = "Tiêu chí",
        MeanScore = "Điểm TB",
        Complete = "Số phiếu đủ",
        Alpha = "Cronbach's alpha",

        Met = "Đạt",
        NotMet = "Chưa đạt",
        Certain = "chắc chắn",
        WithinMargin = "trong biên sai số",
        NoTarget = "Chưa có chỉ tiêu",
        Undefined = "Không xác định",
        SmallSample = "mẫu nhỏ",
        UndefinedFlag = "không xác định",
        LonelyStratum = "tầng một phiếu",

        AnnexPopulation = "Đối tượng khảo sát",
        AnnexQuestionnaire = "Bảng hỏi",
        AnnexValidity = "Phiếu hợp lệ",
        AnnexValidityText = "Một phiếu hợp lệ khi trả lời (từ 1 đến 5) ít nhất 80% số tiêu chí được chấm điểm. "
            + "Câu trả lời “Không ý kiến” và câu bỏ trống không được tính vào tử số lẫn mẫu số. Phiếu không hợp lệ "
            + "được lưu và đếm, nhưng không tham gia vào bất kỳ kết quả nào.",
        AnnexChannels = "Phiếu hợp lệ và không hợp lệ theo kênh thu thập",
        Channel = "Kênh",
        Valid = "Hợp lệ",
        Invalid = "Không hợp lệ",
        Total = "Tổng",
        AnnexIntegrity = "Kiểm soát chất lượng phiếu",
        IntegritySummary = (excluded, kept) => $"{excluded} phiếu của các kênh được tính bị giám sát viên loại khỏi kết quả; "
            + $"{kept} phiếu có cảnh báo vẫn được tính.",
        IntegrityRule = "Cảnh báo không tự loại phiếu nào: chỉ quyết định của giám sát viên (có lý do, được lưu vết) mới loại. "
            + "Một phiếu có hai cảnh báo được đếm ở cả hai nguyên nhân. Bảng thứ hai so sánh mỗi chỉ số chính thức với "
            + "giá trị khi không tính các phiếu có cảnh báo.",
        Cause = "Nguyên nhân",
        Excluded = "Bị loại",
        FlaggedKept = "Có cảnh báo, vẫn tính",
        Official = "Chính thức",
        WithoutFlagged = "Không tính phiếu có cảnh báo",
        AnnexWeights = "Trọng số và khung mẫu",
        FrameUsed = (strata, population) => $"Có khung mẫu: {strata} tầng, tổng quy mô {population}. Thiết kế chọn mẫu "
            + "ngẫu nhiên phân tầng không hoàn lại; mỗi phiếu có trọng số w = N_h/n_h và có hiệu chỉnh quần thể hữu hạn.",
        NoFrame = strata => $"Không có khung mẫu: các phiếu hợp lệ được coi là mẫu ngẫu nhiên đơn giản, trọng số bằng 1 "
            + $"({strata} tầng có phiếu).",
        AnnexEstimation = "Ước lượng và khoảng tin cậy",
        AnnexEstimationText = "Tỷ lệ hài lòng của một tiêu chí là tỷ lệ (có trọng số) câu trả lời 4 hoặc 5 trên các "
            + "câu trả lời hợp lệ. Chỉ số yếu tố là trung bình các tiêu chí, chỉ số chung là trung bình các yếu tố. Sai "
            + "số chuẩn tính bằng tuyến tính hóa Taylor; khoảng tin cậy 95% là khoảng Wilson với cỡ mẫu hiệu dụng. "
            + "Thay đổi giữa hai đợt được kiểm định z hai phía, coi hai mẫu là độc lập.",
        AnnexVerdicts = "Kết luận so với chỉ tiêu",
        AnnexVerdictsText = "“Đạt” khi ước lượng thỏa mãn chỉ tiêu (lớn hơn ngưỡng, hoặc từ ngưỡng trở lên, tùy chỉ tiêu). “Chắc chắn” khi toàn bộ khoảng tin "
            + "cậy nằm cùng phía với ngưỡng, nếu không là “trong biên sai số”. Các giá trị được so sánh trước khi làm "
            + "tròn; số liệu in ra được làm tròn đến hai chữ số thập phân.",
        AnnexFlags = "Ý nghĩa các ghi chú",
        SmallSampleMeaning = "mẫu nhỏ: dưới 30 phiếu hợp lệ; kết quả được công bố nhưng có độ chính xác thấp.",
        UndefinedMeaning = "không xác định: không có câu trả lời hợp lệ nào để tính kết quả.",
        LonelyStratumMeaning = "tầng một phiếu: có phiếu thuộc tầng chỉ có một phiếu hợp lệ; tầng đó không đóng góp vào "
            + "sai số chuẩn.",
    };
}
