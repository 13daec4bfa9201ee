using Microsoft.AspNetCore.Http.HttpResults;
using Sipas.Analytics;
using Sipas.Api.Setup;

namespace Sipas.Api.Citizens;

public record Named(string Code, LocalizedText Name);
public record UnitRef(string Code, string? Name);
public record ServicePointInfo(string Code, LocalizedText Name, Named Agency, Named Area, UnitRef? Unit);
public record WaveInfo(string Code, LocalizedText Name, DateOnly StartsOn, DateOnly EndsOn);
public record OptionInfo(string Value, LocalizedText Label);
public record ItemInfo(string Code, string Scale, bool Required, LocalizedText Text, IReadOnlyList<OptionInfo> Options);
public record SectionInfo(string Code, LocalizedText Title, bool Scored, IReadOnlyList<ItemInfo> Items);
public record QuestionnaireInfo(string Key, string Code, string Version, string Family, LocalizedText Title, IReadOnlyList<SectionInfo> Sections);
public record ServicePointSurvey(ServicePointInfo ServicePoint, WaveInfo Wave, QuestionnaireInfo Questionnaire);

public static class GetServicePointSurvey
{
    public static async Task<Results<Ok<ServicePointSurvey>, ProblemHttpResult>> Handle(
        string code, SurveyDirectory directory, HttpContext http, CancellationToken ct)
    {
        var target = await directory.FindAsync(code, ct);
        if (Unavailable(target, code) is { } problem) return problem;
        // Phones and proxies may keep this for a minute: a closed wave is refused on submit anyway.
        http.Response.Headers.CacheControl = "public, max-age=60";
        return TypedResults.Ok(Describe(target!));
    }

    /// <summary>The refusal for a service point that cannot take responses now, or null when it can.</summary>
    public static ProblemHttpResult? Unavailable(SurveyTarget? target, string code) => target switch
    {
        null => Problem(StatusCodes.Status404NotFound, "unknown-service-point",
            $"Không tìm thấy điểm phục vụ {code} / Service point {code} not found",
            "Kiểm tra lại mã trên mã QR hoặc đường dẫn. / Check the code on the QR code or link."),
        { Retired: true } => Problem(StatusCodes.Status410Gone, "retired-service-point",
            $"Điểm phục vụ {target.ServicePointCode} đã ngừng khảo sát / Service point {target.ServicePointCode} no longer takes ratings",
            null),
        { Wave: null } => Problem(StatusCodes.Status409Conflict, "no-open-wave",
            "Hiện không có đợt khảo sát nào đang mở tại điểm phục vụ này / No survey wave is open at this service point",
            "Cảm ơn Ông/Bà; vui lòng quay lại trong đợt khảo sát sau. / Thank you; please come back during the next survey wave."),
        _ => null,
    };

    private static ProblemHttpResult Problem(int status, string code, string title, string? detail) => Problems.Coded(status, code, title, detail);

    public static ServicePointSurvey Describe(SurveyTarget target) => new(
        new ServicePointInfo(target.ServicePointCode, target.ServicePointName, new Named(target.AgencyCode, target.AgencyName),
            new Named(target.AreaCode, target.AreaName), target.UnitCode is null ? null : new UnitRef(target.UnitCode, target.UnitName)),
        new WaveInfo(target.Wave!.Code, target.Wave.Name, target.Wave.StartsOn, target.Wave.EndsOn),
        Describe(target.Wave.Questionnaire));

    private static QuestionnaireInfo Describe(Questionnaire q) => new(q.Key, q.Code, q.Version, q.Family, q.Title,
        q.Sections.Select(s => new SectionInfo(s.Code, s.Title, s.Scored, s.Items.Select(i => new ItemInfo(
            i.Code, ScaleName(i.Scale), i.Required, i.Text, i.Options.Select(o => new OptionInfo(o.Value, o.Label)).ToList())).ToList())).ToList());

    private static string ScaleName(ItemScale scale) => scale switch
    {
        ItemScale.Likert5 => "likert5", ItemScale.Single => "single", ItemScale.Multi => "multi",
        ItemScale.Text => "text", _ => "number",
    };
}
