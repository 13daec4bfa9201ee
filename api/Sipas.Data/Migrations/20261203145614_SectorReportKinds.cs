using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Sipas.Data.Migrations
{
    /// <inheritdoc />
    public partial class SectorReportKinds : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropCheckConstraint(
                name: "ck_snapshot_reports_kind",
                schema: "sipas",
                table: "snapshot_reports");

            migrationBuilder.AddCheckConstraint(
                name: "ck_snapshot_reports_kind",
                schema: "sipas",
                table: "snapshot_reports",
                sql: "kind IN ('province', 'agency-scorecards', 'commune-scorecards', 'sector-land', 'sector-construction', 'sector-investment', 'health', 'education')");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropCheckConstraint(
                name: "ck_snapshot_reports_kind",
                schema: "sipas",
                table: "snapshot_reports");

            migrationBuilder.AddCheckConstraint(
                name: "ck_snapshot_reports_kind",
                schema: "sipas",
                table: "snapshot_reports",
                sql: "kind IN ('province', 'agency-scorecards', 'commune-scorecards')");
        }
    }
}
