using Deque.AxeCore.Playwright;
using Microsoft.EntityFrameworkCore;
using Microsoft.Playwright;
using Sipas.Data;
using Sipas.Testing;

namespace Sipas.Browser.Tests;

public class PaperEntryTests(BrowserHost host) : IAsyncLifetime
{
    public async ValueTask InitializeAsync() => await host.ResetAsync();

    public ValueTask DisposeAsync() => ValueTask.CompletedTask;

    /// <summary>The answers of the form on paper: 22 criteria, one of them "no opinion" (0), one left blank (Enter).</summary>
    private const string Keystrokes = "445430554445454355334.";   // "." is Enter

    private async Task KeyTheForm(string userName, string expectedStatus)
    {
        await host.CreateUserAsync(userName, $"{userName}-password", Roles.Surveyor);
        await using var desk = await host.Browser.NewContextAsync(new() { BaseURL = host.BaseUrl, Locale = "vi-VN" });
        var page = await desk.NewPageAsync();
        await page.GotoAsync("/staff");
        await page.GetByLabel("Tên đăng nhập").FillAsync(userName);
        await page.GetByLabel("Mật khẩu").FillAsync($"{userName}-password");
        await page.Keyboard.PressAsync("Enter");
        await page.GetByRole(AriaRole.Link, new() { Name = "Nhập phiếu giấy" }).ClickAsync();
        await page.GetByLabel("Mẫu phiếu").SelectOptionAsync("sipas-dvhcc@2025.1");
        await page.GetByLabel("Lĩnh vực").SelectOptionAsync("construction");
        await page.GetByLabel("Cơ quan").SelectOptionAsync("so-xay-dung");
        Assert.Empty((await page.RunAxe()).Violations.Select(v => $"{v.Id}: {v.Help}"));

        // From here on the keyboard alone: start, serial, one key per criterion, a refused key, the summary, save.
        await page.GetByRole(AriaRole.Button, new() { Name = "Bắt đầu nhập" }).FocusAsync();
        await page.Keyboard.PressAsync("Enter");
        await page.Keyboard.TypeAsync("PG-0001");
        await page.Keyboard.PressAsync("Enter");
        await page.Keyboard.PressAsync("9");
        await page.GetByRole(AriaRole.Alert).Filter(new() { HasText = "Phím “9” không hợp lệ" }).WaitForAsync();
        foreach (var key in Keystrokes)
            await page.Keyboard.PressAsync(key == '.' ? "Enter" : key.ToString());
        await page.GetByText("Kiểm tra phiếu PG-0001").WaitForAsync();
        Assert.Empty((await page.RunAxe()).Violations.Select(v => $"{v.Id}: {v.Help}"));
        await page.Keyboard.PressAsync("Enter");
        await page.GetByText(expectedStatus).WaitForAsync();
        Assert.Equal("entry-serial", await page.EvaluateAsync<string>("document.activeElement.id"));
    }

    [Fact]
    public async Task TwoSurveyorsKeyASipasFormWithTheKeyboard_AndItBecomesOnePaperResponse()
    {
        await Fieldwork.OpenWaveWithServicePoint(host, "XD-P0");

        await KeyTheForm("dtv-mot", "Đã lưu phiếu PG-0001. Chờ lần nhập thứ hai.");
        await KeyTheForm("dtv-hai", "Đã lưu phiếu PG-0001: khớp với lần nhập trước.");

        await using var db = host.NewDb();
        var response = Assert.Single(await db.Responses.AsNoTracking().ToListAsync(TestContext.Current.CancellationToken));
        Assert.Equal("paper", response.Channel);
        Assert.Equal(Keystrokes.Select(c => c == '.' ? null : (short?)(c - '0')), response.Scores);
    }
}
