using System;
using Microsoft.EntityFrameworkCore.Migrations;
using Npgsql.EntityFrameworkCore.PostgreSQL.Metadata;

#nullable disable

namespace Sipas.Data.Migrations
{
    /// <inheritdoc />
    public partial class ParScoring : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "par_scoring_rules",
                schema: "sipas",
                columns: table => new
                {
                    id = table.Column<int>(type: "integer", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    indicator = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: false),
                    year = table.Column<int>(type: "integer", nullable: false),
                    kind = table.Column<string>(type: "character varying(10)", maxLength: 10, nullable: false),
                    max_points = table.Column<decimal>(type: "numeric(7,2)", precision: 7, scale: 2, nullable: false),
                    from_percent = table.Column<decimal>(type: "numeric(5,2)", precision: 5, scale: 2, nullable: true),
                    to_percent = table.Column<decimal>(type: "numeric(5,2)", precision: 5, scale: 2, nullable: true),
                    band_min_percent = table.Column<decimal[]>(type: "numeric[]", nullable: false),
                    band_points = table.Column<decimal[]>(type: "numeric[]", nullable: false),
                    legal_basis = table.Column<string>(type: "character varying(300)", maxLength: 300, nullable: false),
                    created_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    created_by = table.Column<string>(type: "character varying(256)", maxLength: 256, nullable: true),
                    superseded_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    superseded_by_id = table.Column<int>(type: "integer", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_par_scoring_rules", x => x.id);
                    table.CheckConstraint("ck_par_scoring_rules_bands", "cardinality(band_min_percent) = cardinality(band_points)");
                    table.CheckConstraint("ck_par_scoring_rules_kind", "kind IN ('linear', 'bands')");
                    table.ForeignKey(
                        name: "fk_par_scoring_rules_par_scoring_rules_superseded_by_id",
                        column: x => x.superseded_by_id,
                        principalSchema: "sipas",
                        principalTable: "par_scoring_rules",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateIndex(
                name: "ix_par_scoring_rules_indicator_year",
                schema: "sipas",
                table: "par_scoring_rules",
                columns: new[] { "indicator", "year" },
                unique: true,
                filter: "superseded_at IS NULL");

            migrationBuilder.CreateIndex(
                name: "ix_par_scoring_rules_superseded_by_id",
                schema: "sipas",
                table: "par_scoring_rules",
                column: "superseded_by_id");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "par_scoring_rules",
                schema: "sipas");
        }
    }
}
