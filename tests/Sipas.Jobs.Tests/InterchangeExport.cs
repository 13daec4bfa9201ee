using System.Globalization;
using System.Text;
using Microsoft.EntityFrameworkCore;
using Sipas.Data;

namespace Sipas.Jobs.Tests;

/// <summary>Exports a wave's stored responses to the responses CSV of interchange.md (what an analyst would download).</summary>
public static class InterchangeExport
{
    public static async Task<string> ResponsesCsv(SipasDb db, Wave wave, QuestionnaireVersion version, IReadOnlyCollection<string> channels,
        Func<Response, bool>? keep = null)
    {
        var questionnaire = version.Read();
        var items = questionnaire.Sections.SelectMany(s => s.Items).ToList();
        var agencies = await db.Agencies.ToDictionaryAsync(a => a.Id, a => a.Code);
        var responses = await db.Responses.AsNoTracking()
            .Where(r => r.WaveId == wave.Id && r.QuestionnaireId == version.Id && channels.Contains(r.Channel)
                        && r.SupersededBy == null && r.Review != ReviewDecisions.Exclude)
            .ToListAsync();
        if (keep is not null) responses = [.. responses.Where(keep)];
        var text = new StringBuilder();
        text.Append("response_id,questionnaire,wave,channel,area,agency,unit,stratum,submitted_at");
        foreach (var item in items) text.Append(',').Append(item.Code);
        text.Append('\n');
        // The job reads in response-id order (PostgreSQL's uuid order, bytewise); the file keeps the same order.
        foreach (var r in responses.OrderBy(r => r.Id.ToString("N"), StringComparer.Ordinal))
        {
            text.Append(r.Id.ToString("D")).Append(',').Append(version.Key).Append(',').Append(wave.Code).Append(',')
                .Append(r.Channel).Append(',').Append(r.AreaCode).Append(',').Append(agencies[r.AgencyId]).Append(',')
                .Append(r.UnitCode).Append(',').Append(r.Stratum).Append(',')
                .Append(r.SubmittedAt.ToOffset(TimeSpan.FromHours(7)).ToString("yyyy-MM-dd'T'HH:mm:sszzz", CultureInfo.InvariantCulture));
            var scored = 0;
            foreach (var item in items)
            {
                text.Append(',');
                if (item.Scale == Analytics.ItemScale.Likert5 && questionnaire.ScoredItems.Contains(item))
                    text.Append(r.Scores[scored++]?.ToString(CultureInfo.InvariantCulture));
                else if (r.OtherAnswers?.RootElement.TryGetProperty(item.Code, out var value) == true)
                    text.Append(value.ToString());
            }
            text.Append('\n');
        }
        return text.ToString();
    }
}
