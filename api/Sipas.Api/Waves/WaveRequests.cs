using System.ComponentModel.DataAnnotations;
using Sipas.Api.Setup;

namespace Sipas.Api.Waves;

/// <summary>A wave as an admin sets it up. Empty scope lists mean "all"; empty official channels mean every channel.</summary>
public record WaveRequest(
    [property: Required(ErrorMessage = Messages.Required), StringLength(40, ErrorMessage = Messages.MaxLength)] string Code,
    [property: Required(ErrorMessage = Messages.Required), StringLength(200, ErrorMessage = Messages.MaxLength)] string NameVi,
    [property: Required(ErrorMessage = Messages.Required), StringLength(200, ErrorMessage = Messages.MaxLength)] string NameEn,
    DateOnly StartsOn, DateOnly EndsOn, DateOnly LookbackFrom, DateOnly LookbackTo,
    IReadOnlyList<string>? Questionnaires, IReadOnlyList<string>? OfficialChannels, IReadOnlyList<string>? AreaCodes,
    IReadOnlyList<string>? AgencyCodes, IReadOnlyList<string>? UnitCodes);

public record WaveQuestionnaire(string Key, string Family, string TitleVi, string Status);

/// <param name="Counts">Current (not superseded) responses per channel, every channel listed.</param>
public record WaveDetail(string Code, string NameVi, string NameEn, string Status, DateOnly StartsOn, DateOnly EndsOn,
    DateOnly LookbackFrom, DateOnly LookbackTo, IReadOnlyList<WaveQuestionnaire> Questionnaires,
    IReadOnlyList<string> OfficialChannels, IReadOnlyList<string> AreaCodes, IReadOnlyList<string> AgencyCodes,
    IReadOnlyList<string> UnitCodes, IReadOnlyDictionary<string, int> Counts, int ServicePoints, int Assignments);
