using Sipas.Analytics;

namespace Sipas.Reports.Bench;

/// <summary>Vietnamese names for synthetic provinces: areas, agencies, communes, elements and criteria.</summary>
public static class SyntheticNames
{
    public static readonly (string Code, string Name)[] Areas =
    [
        ("LAND", "Đất đai"), ("CONSTRUCTION", "Xây dựng"), ("INVESTMENT", "Đầu tư"),
        ("JUSTICE", "Tư pháp – hộ tịch"), ("HEALTH", "Y tế"), ("EDUCATION", "Giáo dục và đào tạo"),
    ];

    public static readonly string[] Departments =
    [
        "Sở Nông nghiệp và Môi trường", "Sở Xây dựng", "Sở Tài chính", "Sở Tư pháp", "Sở Y tế",
        "Sở Giáo dục và Đào tạo", "Sở Công Thương", "Sở Nội vụ", "Sở Văn hóa, Thể thao và Du lịch",
        "Sở Khoa học và Công nghệ", "Sở Dân tộc và Tôn giáo", "Ban Quản lý Khu kinh tế Đông Nam",
        "Công an tỉnh", "Bảo hiểm xã hội tỉnh", "Thuế tỉnh", "Trung tâm Phục vụ hành chính công tỉnh",
    ];

    private static readonly string[] Places =
    [
        "Diễn Châu", "Quỳnh Lưu", "Yên Thành", "Đô Lương", "Thanh Chương", "Nghi Lộc", "Nam Đàn", "Hưng Nguyên",
        "Anh Sơn", "Con Cuông", "Tương Dương", "Kỳ Sơn", "Quế Phong", "Quỳ Châu", "Quỳ Hợp", "Nghĩa Đàn",
        "Tân Kỳ", "Thái Hòa", "Hoàng Mai", "Cửa Lò", "Vinh Hưng", "Trường Vinh", "Thành Vinh", "Vinh Phú",
        "Bến Thủy", "Hưng Đông",
    ];

    public static string Commune(int index) =>
        $"{(index % 9 == 0 ? "Phường" : "Xã")} {Places[index % Places.Length]}{(index < Places.Length ? "" : $" {index / Places.Length + 1}")}";

    public static readonly (LocalizedText Title, LocalizedText[] Criteria)[] Sections =
    [
        (new("Tiếp cận dịch vụ", "Access to services"),
        [
            new("Nơi ngồi chờ giải quyết thủ tục có đủ chỗ ngồi", "The waiting area has enough seats"),
            new("Trang thiết bị phục vụ người dân đầy đủ", "Equipment for citizens is adequate"),
            new("Trang thiết bị phục vụ người dân hiện đại", "Equipment for citizens is modern"),
            new("Trang thiết bị phục vụ người dân dễ sử dụng", "Equipment for citizens is easy to use"),
        ]),
        (new("Thủ tục hành chính", "Administrative procedures"),
        [
            new("Thủ tục hành chính được niêm yết công khai đầy đủ", "Procedures are fully posted"),
            new("Thủ tục hành chính được niêm yết công khai chính xác", "Posted procedures are accurate"),
            new("Thành phần hồ sơ mà người dân phải nộp là đúng quy định", "Required documents follow the rules"),
            new("Phí, lệ phí mà người dân phải nộp là đúng quy định", "Fees charged follow the rules"),
            new("Thời hạn giải quyết ghi trên giấy hẹn là đúng quy định", "The promised deadline follows the rules"),
        ]),
        (new("Công chức trực tiếp giải quyết công việc", "Civil servants handling the case"),
        [
            new("Công chức có thái độ giao tiếp lịch sự", "Civil servants are polite"),
            new("Công chức chú ý lắng nghe ý kiến của người dân", "Civil servants listen to citizens"),
            new("Công chức trả lời, giải thích đầy đủ các ý kiến của người dân", "Civil servants answer questions fully"),
            new("Công chức hướng dẫn kê khai hồ sơ tận tình, chu đáo", "Civil servants help fill in forms carefully"),
            new("Công chức hướng dẫn kê khai hồ sơ dễ hiểu", "Civil servants explain forms clearly"),
            new("Công chức tuân thủ đúng quy định trong giải quyết công việc", "Civil servants follow the rules"),
        ]),
        (new("Kết quả cung ứng dịch vụ", "Service results"),
        [
            new("Kết quả mà người dân nhận được là đúng quy định", "The result received follows the rules"),
            new("Kết quả có thông tin đầy đủ", "The result's information is complete"),
            new("Kết quả có thông tin chính xác", "The result's information is accurate"),
            new("Hồ sơ được giải quyết đúng hạn", "The case was settled on time"),
        ]),
        (new("Tiếp nhận, xử lý góp ý, phản ánh, kiến nghị", "Handling of feedback and complaints"),
        [
            new("Cơ quan có bố trí hình thức tiếp nhận góp ý, phản ánh, kiến nghị", "There is a way to give feedback"),
            new("Người dân dễ dàng thực hiện góp ý, phản ánh, kiến nghị", "Giving feedback is easy"),
            new("Cơ quan tiếp nhận và xử lý tích cực các góp ý, phản ánh, kiến nghị", "Feedback is handled actively"),
        ]),
    ];
}
