namespace Sipas.Reports.Posters;

internal static class PosterTexts
{
    public const string Heading = "Ý kiến của bạn giúp chúng tôi phục vụ tốt hơn";
    public const string HeadingEn = "Your opinion helps us serve you better";
    public const string CodeLabel = "Mã điểm phục vụ";

    public static readonly string[] Steps =
    [
        "Mở camera hoặc ứng dụng Zalo trên điện thoại và quét mã QR.",
        "Trả lời các câu hỏi về việc bạn vừa được phục vụ (khoảng 3 phút).",
        "Bấm “Gửi”. Không có mạng? Phiếu được giữ trên máy và tự gửi sau.",
    ];

    public const string English = "Scan the QR code with your phone camera, answer the questions about the service you "
        + "just received (about 3 minutes) and press “Gửi” (Send). No signal? Your answers are kept on the phone and sent later.";

    public const string Privacy = "Phiếu không ghi tên, số điện thoại. · Anonymous: no name or phone number is asked.";
}
