using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Sipas.Analytics;
using Sipas.Data;

namespace Sipas.Api.Surveyors;

/// <summary>The wave and questionnaire a keyed form names, checked against the database.</summary>
public static class WaveForms
{
    public static async Task<(Wave? Wave, QuestionnaireVersion? Version, Questionnaire? Definition)> ReadAsync(
        JsonElement body, SipasDb db, Dictionary<string, string[]> errors, CancellationToken ct)
    {
        var waveCode = PaperFormReader.Text(body, "wave");
        var wave = waveCode is null ? null : await db.Waves.AsNoTracking().Include(w => w.Questionnaires)
            .SingleOrDefaultAsync(w => w.Code == waveCode && w.Status != WaveStatus.Draft, ct);
        if (wave is null)
            errors["wave"] = ["Không có đợt khảo sát đang mở hoặc đã đóng với mã này / No open or closed wave with this code"];

        var key = PaperFormReader.Text(body, "questionnaire");
        var version = wave?.Questionnaires.SingleOrDefault(q => q.Key == key && q.Status != QuestionnaireStatus.Draft);
        if (wave is not null && version is null)
            errors["questionnaire"] = ["Mẫu phiếu (mã@phiên bản) không thuộc đợt này / The questionnaire (code@version) is not one of this wave's"];
        return (wave, version, version?.Read());
    }

    /// <summary>Holds a transaction-scoped advisory lock on one serial of a wave, so its keyings are compared in turn.</summary>
    public static Task LockSerialAsync(SipasDb db, string waveCode, string serial, CancellationToken ct) =>
        db.Database.ExecuteSqlAsync($"SELECT pg_advisory_xact_lock(hashtextextended({"paper/" + waveCode + "/" + serial}, 0))", ct);
}
