using System.Globalization;
using System.Security.Claims;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using Sipas.Analytics;
using Sipas.Analytics.Interchange;
using Sipas.Api.Intake;
using Sipas.Data;

namespace Sipas.Api.Surveyors;

public record ImportSummary(int Rows, int Stored, int AlreadyStored, int Rejected);

/// <summary>A rejected row: its physical line in the file (1 is the header) and why, in Vietnamese and English.</summary>
public record RejectedRow(int Line, string Reason);

public static class ImportResponses
{
    public const long MaxBytes = 64L * 1024 * 1024;

    /// <summary>
    /// Imports a responses CSV (interchange.md) keyed elsewhere. Every row is checked (the interchange reader's
    /// checks, then wave, agency and commune against the database, then the id against stored responses: the
    /// same id with the same content is already stored, with other content a conflict). Without <c>atomic</c> the
    /// good rows are stored and the bad ones reported (422 with <c>rows</c>); with it, any bad row stores nothing.
    /// An empty <c>channel</c> cell means <c>import</c>. Responses go through the batching <see cref="ResponseWriter"/>.
    /// </summary>
    public static async Task<Results<Ok<ImportSummary>, ProblemHttpResult>> Handle(
        HttpRequest request, bool? atomic, ClaimsPrincipal user, SipasDb db, IntakePipeline intake, CancellationToken ct)
    {
        using var file = new MemoryStream();
        await request.Body.CopyToAsync(file, ct);
        file.Position = 0;
        if (Setup.Input.BadTextLines(file) is { Count: > 0 } badLines)
            return Rejected([.. badLines.Select(l => new RejectedRow(l, Setup.Input.BadLine))], 0, new(0, 0, 0, badLines.Count));

        var key = ResponsesCsv.QuestionnaireOf(file);
        var version = key is null ? null
            : (await db.Questionnaires.AsNoTracking().Where(q => q.Status != QuestionnaireStatus.Draft).ToListAsync(ct))
                .SingleOrDefault(q => q.Key == key);
        if (version is null)
            return Rejected([new RejectedRow(key is null ? 1 : 2, key is null
                ? "Tệp cần dòng tiêu đề và ít nhất một phiếu có cột questionnaire / The file needs a header row and at least one response with a questionnaire column"
                : $"Không có mẫu phiếu đã công bố {key} / No published questionnaire {key}")], 0, new(0, 0, 0, 1));
        var definition = version.Read();

        var rows = new List<ResponseRow>();
        var read = ResponsesCsv.ReadRows(file, definition, rows.Add, Channels.Import, maxFaults: int.MaxValue);
        var rejected = read.Faults.Select(f => new RejectedRow(int.Parse(f.Where["line ".Length..], CultureInfo.InvariantCulture), $"{f.Vi} / {f.En}")).ToList();
        if (rejected.Any(r => r.Line == 1))
            return Rejected(rejected, 0, new(read.Rows, 0, 0, read.Rows));

        var now = intake.Now();
        var enteredBy = Audit.UserId(user);
        var places = await Places.LoadAsync(db, version.Id, rows, ct);
        var responses = new List<(ResponseRow Row, Response Response)>();
        foreach (var row in rows)
        {
            if (places.Fault(row) is { } fault) rejected.Add(new RejectedRow(row.Line, fault));
            else responses.Add((row, ToResponse(row, version, definition, places, enteredBy, now, intake.Hasher)));
        }

        var ids = responses.Select(r => r.Response.Id).ToArray();
        var stored = await db.Responses.AsNoTracking().Where(r => ids.Contains(r.Id))
            .ToDictionaryAsync(r => r.Id, r => r.ContentHash, ct);
        var alreadyStored = 0;
        var toWrite = new List<(ResponseRow Row, Response Response)>();
        foreach (var (row, response) in responses)
        {
            if (!stored.TryGetValue(response.Id, out var hash)) toWrite.Add((row, response));
            else if (hash.AsSpan().SequenceEqual(response.ContentHash)) alreadyStored++;
            else rejected.Add(Conflict(row));
        }
        if (rejected.Count > 0 && atomic == true)
            return Rejected(rejected, 0, new(read.Rows, 0, alreadyStored, rejected.Select(r => r.Line).Distinct().Count()));

        WriteResult[] results;
        try
        {
            results = await intake.WriteBatchAsync(toWrite.Select(r => r.Response).ToList(), ct);
        }
        catch (Exception e) when (e is StorageUnavailableException || Setup.DatabaseFaults.IsUnavailable(e))
        {
            return Setup.Problems.StorageUnavailable(request.HttpContext,
                "Chưa lưu được tệp, vui lòng gửi lại sau ít phút / The file could not be stored yet; please send it again shortly",
                "Gửi lại cùng tệp là an toàn: phiếu đã lưu không bị lưu hai lần. / Sending the same file again is safe: nothing is stored twice.");
        }
        var newlyStored = new List<Response>();
        for (var i = 0; i < toWrite.Count; i++)
        {
            switch (results[i].Outcome)
            {
                case WriteOutcome.Stored: newlyStored.Add(toWrite[i].Response); break;
                case WriteOutcome.AlreadyStored: alreadyStored++; break;
                case WriteOutcome.WaveClosed: rejected.Add(new RejectedRow(toWrite[i].Row.Line, Closed(toWrite[i].Row.Wave))); break;
                default: rejected.Add(Conflict(toWrite[i].Row)); break;
            }
        }
        db.AuditEntries.AddRange(newlyStored.Select(r =>
            Audit.Entry(AuditEntry.Entities.Response, r.Id.ToString(), "import", user, now, null, Audit.State(r))));
        await db.SaveChangesAsync(ct);

        var summary = new ImportSummary(read.Rows, newlyStored.Count, alreadyStored, rejected.Select(r => r.Line).Distinct().Count());
        return rejected.Count == 0 ? TypedResults.Ok(summary) : Rejected(rejected, newlyStored.Count, summary);
    }

    private static RejectedRow Conflict(ResponseRow row) => new(row.Line,
        $"Xung đột: response_id {row.Id} đã được lưu với nội dung khác / Conflict: response_id {row.Id} is already stored with other content");

    private static ProblemHttpResult Rejected(List<RejectedRow> rows, int stored, ImportSummary summary) => TypedResults.Problem(
        statusCode: StatusCodes.Status422UnprocessableEntity,
        title: $"{rows.Select(r => r.Line).Distinct().Count()} dòng bị từ chối / {rows.Select(r => r.Line).Distinct().Count()} rows rejected",
        detail: stored == 0
            ? "Không có phiếu mới nào được lưu. / No new response was stored."
            : $"Đã lưu {stored} phiếu; sửa các dòng được nêu rồi nhập lại cả tệp (phiếu đã lưu không bị lưu hai lần). / " +
              $"{stored} responses stored; fix the rows listed and import the whole file again (nothing is stored twice).",
        extensions: new Dictionary<string, object?>
        {
            ["code"] = "rows-rejected",
            // One entry per line, every reason of that line in it.
            ["rows"] = rows.GroupBy(r => r.Line).OrderBy(g => g.Key)
                .Select(g => new RejectedRow(g.Key, string.Join("; ", g.Select(r => r.Reason)))).ToList(),
            ["summary"] = summary,
        });

    private static Response ToResponse(ResponseRow row, QuestionnaireVersion version, Questionnaire definition, Places places,
        Guid enteredBy, DateTimeOffset now, ContentHasher hasher)
    {
        var scores = row.Answers.Select(a => a == Sample.Unanswered ? (short?)null : a).ToArray();
        var others = new JsonObject();
        foreach (var (code, cell) in row.Others.OrderBy(o => o.Key, StringComparer.Ordinal))
            others[code] = definition.ItemsByCode[code].Scale switch
            {
                ItemScale.Multi => new JsonArray(cell.Split('|').Select(v => (JsonNode?)JsonValue.Create(v)).ToArray()),
                ItemScale.Number => JsonValue.Create(double.Parse(cell, CultureInfo.InvariantCulture)),
                _ => JsonValue.Create(cell),
            };
        var contentHash = hasher.Hash("import", version.Key, row.Wave, row.Channel, row.Area, row.Agency, row.Unit ?? "",
            row.Stratum, row.SubmittedAt.ToUniversalTime().ToString("O", CultureInfo.InvariantCulture),
            string.Join(',', scores.Select(s => s?.ToString(CultureInfo.InvariantCulture) ?? "")), others.ToJsonString());
        return new Response
        {
            Id = row.Id,
            WaveId = places.Waves[row.Wave].Id,
            QuestionnaireId = version.Id,
            Channel = row.Channel,
            AreaCode = row.Area,
            AgencyId = places.Agencies[row.Agency],
            UnitCode = row.Unit,
            Stratum = row.Stratum,
            SubmittedAt = row.SubmittedAt.ToUniversalTime(),
            ReceivedAt = now,
            Scores = scores,
            OtherAnswers = others.Count == 0 ? null : System.Text.Json.JsonDocument.Parse(others.ToJsonString()),
            ContentHash = contentHash,
            EnteredBy = enteredBy,
        };
    }

    /// <summary>The waves, agencies and communes the rows name, looked up once for the whole file.</summary>
    private static string Closed(string wave) =>
        $"Đợt khảo sát {wave} đã kết thúc, không nhận thêm phiếu / Wave {wave} is closed and takes no more responses";

    private sealed record Places(Dictionary<string, (int Id, bool HasQuestionnaire, bool Closed)> Waves, Dictionary<string, int> Agencies,
        HashSet<string> Units, HashSet<(string Agency, string Area)> Serves)
    {
        public static async Task<Places> LoadAsync(SipasDb db, int questionnaireId, List<ResponseRow> rows, CancellationToken ct)
        {
            var waveCodes = rows.Select(r => r.Wave).Distinct().ToArray();
            var agencyCodes = rows.Select(r => r.Agency).Distinct().ToArray();
            var unitCodes = rows.Where(r => r.Unit != null).Select(r => r.Unit!).Distinct().ToArray();
            return new Places(
                (await db.Waves.AsNoTracking().Where(w => waveCodes.Contains(w.Code))
                    .Select(w => new { w.Code, w.Id, Has = w.Questionnaires.Any(q => q.Id == questionnaireId), w.Status }).ToListAsync(ct))
                    .ToDictionary(w => w.Code, w => (w.Id, w.Has, w.Status == WaveStatus.Closed)),
                await db.Agencies.AsNoTracking().Where(a => agencyCodes.Contains(a.Code)).ToDictionaryAsync(a => a.Code, a => a.Id, ct),
                [.. await db.AdministrativeUnits.AsNoTracking().Where(u => unitCodes.Contains(u.Code)).Select(u => u.Code).ToListAsync(ct)],
                [.. (await db.Agencies.AsNoTracking().Where(a => agencyCodes.Contains(a.Code))
                    .SelectMany(a => a.Areas.Select(x => new { a.Code, Area = x.Code })).ToListAsync(ct)).Select(x => (x.Code, x.Area))]);
        }

        public string? Fault(ResponseRow row) =>
            !Waves.TryGetValue(row.Wave, out var wave) ? $"Không có đợt khảo sát {row.Wave} / No wave {row.Wave}"
            : wave.Closed ? ImportResponses.Closed(row.Wave)
            : !wave.HasQuestionnaire ? $"Mẫu phiếu không thuộc đợt {row.Wave} / The questionnaire is not one of wave {row.Wave}'s"
            : !Agencies.ContainsKey(row.Agency) ? $"Không có cơ quan {row.Agency} / No agency {row.Agency}"
            : !Serves.Contains((row.Agency, row.Area)) ? $"Cơ quan {row.Agency} không phục vụ lĩnh vực {row.Area} / Agency {row.Agency} does not serve area {row.Area}"
            : row.Unit is not null && !Units.Contains(row.Unit) ? $"Không có xã, phường mã {row.Unit} / No commune {row.Unit}"
            : !Setup.Input.IsStratum(row.Stratum) ? Setup.Input.BadStratum
            : !PaperFormReader.Credits(row.Stratum, row.Agency, row.Area)
                ? $"Tầng {row.Stratum} không phải của cơ quan {row.Agency}, lĩnh vực {row.Area} / Stratum {row.Stratum} is not agency {row.Agency}'s in area {row.Area}"
            // An import is its own channel: it never poses as double-keyed paper, an interview or a citizen's rating.
            : row.Channel != Channels.Import
                ? $"Phiếu nhập từ tệp mang kênh import (dòng này ghi {row.Channel}); phiếu giấy phải được nhập hai lần trên màn hình nhập phiếu / " +
                  $"Imported responses carry the channel import (this row says {row.Channel}); paper forms are keyed twice on the entry screen"
            : null;
    }
}
