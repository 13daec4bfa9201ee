using Microsoft.EntityFrameworkCore;
using Sipas.Analytics;
using Sipas.Data;

namespace Sipas.Api.Plans;

public record FieldworkWave(string Code, LocalizedText Name, string Status, DateOnly StartsOn, DateOnly EndsOn);

public static class ListFieldworkWaves
{
    /// <summary>Waves a supervisor plans and follows (open and closed, newest first).</summary>
    public static Task<List<FieldworkWave>> Handle(SipasDb db, CancellationToken ct) =>
        db.Waves.AsNoTracking().Where(w => w.Status != WaveStatus.Draft).OrderByDescending(w => w.StartsOn).ThenBy(w => w.Code)
            .Select(w => new FieldworkWave(w.Code, new LocalizedText(w.NameVi, w.NameEn), w.Status == WaveStatus.Open ? "open" : "closed",
                w.StartsOn, w.EndsOn))
            .ToListAsync(ct);
}
