using System.Globalization;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using Sipas.Analytics;
using Sipas.Data;

namespace Sipas.Api.Plans;

/// <param name="Method"><c>default</c> (method.md §6, per stratum), <c>slovin</c> (per stratum), or <c>allocate</c>
/// (<paramref name="Total"/> shared in proportion to N_h, at least <paramref name="Minimum"/> each).</param>
/// <param name="Margin">Margin of error e for <c>default</c> and <c>slovin</c>, default 0.05.</param>
public record PlanSampleSizesRequest(string Method, double? Margin, int? Total, int? Minimum);

public record StratumPlan(string Stratum, long Population, int Quota);

public record WavePlan(string Wave, string Method, int Total, IReadOnlyList<StratumPlan> Strata);

public static class PlanSampleSizes
{
    /// <summary>Sets each stratum's quota from the wave's frame (SampleSize.Default, Slovin or Allocate) and returns the plan.</summary>
    public static async Task<Results<Ok<WavePlan>, ValidationProblem, NotFound>> Handle(
        string wave, PlanSampleSizesRequest request, SipasDb db, TimeProvider clock, CancellationToken ct)
    {
        var waveId = await db.Waves.Where(w => w.Code == wave).Select(w => (int?)w.Id).SingleOrDefaultAsync(ct);
        if (waveId is null) return TypedResults.NotFound();
        var strata = await db.FieldworkStrata.Where(f => f.WaveId == waveId).OrderBy(f => f.Stratum).ToListAsync(ct);
        var errors = new Dictionary<string, string[]>();
        void Fault(string field, string vi, string en) => errors[field] = [$"{vi} / {en}"];

        var margin = request.Margin ?? SampleSize.DefaultMargin;
        if (strata.Count == 0) Fault("wave", "Đợt chưa có khung mẫu (nhập tệp khung trước)", "The wave has no frame yet (import a frame file first)");
        if (margin is <= 0 or >= 1) Fault("margin", "Sai số phải lớn hơn 0 và nhỏ hơn 1", "The margin must be above 0 and below 1");
        int[] quotas = [];
        string described = "";
        switch (request.Method)
        {
            case "default" or "slovin" when errors.Count == 0:
                quotas = strata.Select(s => request.Method == "default" ? SampleSize.Default(s.Population, margin) : SampleSize.Slovin(s.Population, margin)).ToArray();
                described = $"{request.Method} e={margin.ToString(CultureInfo.InvariantCulture)}";
                break;
            case "allocate":
                var minimum = request.Minimum ?? 0;
                var capacity = strata.Sum(s => s.Population);
                var floor = strata.Sum(s => Math.Min(minimum, s.Population));
                if (minimum < 0) Fault("minimum", "Mức tối thiểu không được âm", "The minimum cannot be negative");
                if (request.Total is not { } total || total < floor || total > capacity)
                    Fault("total", $"Tổng cỡ mẫu phải từ {floor} đến {capacity}", $"The total must be between {floor} and {capacity}");
                if (errors.Count > 0) break;
                quotas = SampleSize.Allocate(request.Total!.Value, strata.Select(s => s.Population).ToList(), minimum);
                described = $"allocate {request.Total} min {minimum}";
                break;
            case "default" or "slovin":
                break;
            default:
                Fault("method", "Phương pháp là default, slovin hoặc allocate", "The method is default, slovin or allocate");
                break;
        }
        if (errors.Count > 0) return TypedResults.ValidationProblem(errors);

        var now = clock.GetUtcNow();
        for (var i = 0; i < strata.Count; i++)
            (strata[i].Quota, strata[i].QuotaMethod, strata[i].UpdatedAt) = (quotas[i], described, now);
        await db.SaveChangesAsync(ct);
        return TypedResults.Ok(new WavePlan(wave, described, quotas.Sum(),
            strata.Select((s, i) => new StratumPlan(s.Stratum, s.Population, quotas[i])).ToList()));
    }
}
