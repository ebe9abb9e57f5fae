using System;
using Microsoft.EntityFrameworkCore.Migrations;
using Npgsql.EntityFrameworkCore.PostgreSQL.Metadata;

#nullable disable

namespace CoBuild.Web.Infrastructure.Data.Migrations.Postgres
{
    /// <inheritdoc />
    public partial class Auctions : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "Auctions",
                columns: table => new
                {
                    Id = table.Column<int>(type: "integer", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    DistrictId = table.Column<int>(type: "integer", nullable: false),
                    StreetId = table.Column<int>(type: "integer", nullable: false),
                    Path = table.Column<string>(type: "character varying(128)", maxLength: 128, nullable: false, collation: "C"),
                    Title = table.Column<string>(type: "character varying(80)", maxLength: 80, nullable: false),
                    StartsAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    Status = table.Column<string>(type: "character varying(16)", maxLength: 16, nullable: false),
                    CurrentLotId = table.Column<int>(type: "integer", nullable: true),
                    SelectionRoundId = table.Column<int>(type: "integer", nullable: true),
                    CreatedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    CreatedBy = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_Auctions", x => x.Id);
                    table.ForeignKey(
                        name: "FK_Auctions_OrgUnits_StreetId",
                        column: x => x.StreetId,
                        principalTable: "OrgUnits",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "FK_Auctions_SelectionRounds_SelectionRoundId",
                        column: x => x.SelectionRoundId,
                        principalTable: "SelectionRounds",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "OrgContracts",
                columns: table => new
                {
                    Id = table.Column<int>(type: "integer", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    DistrictId = table.Column<int>(type: "integer", nullable: false),
                    OrgUnitId = table.Column<int>(type: "integer", nullable: false),
                    Path = table.Column<string>(type: "character varying(128)", maxLength: 128, nullable: false, collation: "C"),
                    ResidentUnitId = table.Column<int>(type: "integer", nullable: false),
                    Title = table.Column<string>(type: "character varying(120)", maxLength: 120, nullable: false),
                    Commitment = table.Column<string>(type: "character varying(2000)", maxLength: 2000, nullable: false),
                    Pledge = table.Column<decimal>(type: "numeric(14,2)", precision: 14, scale: 2, nullable: true),
                    PledgeUnit = table.Column<string>(type: "character varying(8)", maxLength: 8, nullable: true),
                    Status = table.Column<string>(type: "character varying(24)", maxLength: 24, nullable: false),
                    Source = table.Column<string>(type: "character varying(16)", maxLength: 16, nullable: false),
                    SourceId = table.Column<int>(type: "integer", nullable: false),
                    ProjectId = table.Column<int>(type: "integer", nullable: true),
                    CreatedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    CreatedBy = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_OrgContracts", x => x.Id);
                    table.ForeignKey(
                        name: "FK_OrgContracts_OrgUnits_OrgUnitId",
                        column: x => x.OrgUnitId,
                        principalTable: "OrgUnits",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "FK_OrgContracts_Projects_ProjectId",
                        column: x => x.ProjectId,
                        principalTable: "Projects",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "FK_OrgContracts_ResidentUnits_ResidentUnitId",
                        column: x => x.ResidentUnitId,
                        principalTable: "ResidentUnits",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "AuctionBidders",
                columns: table => new
                {
                    Id = table.Column<int>(type: "integer", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    AuctionId = table.Column<int>(type: "integer", nullable: false),
                    ResidentUnitId = table.Column<int>(type: "integer", nullable: false),
                    PaddleNo = table.Column<int>(type: "integer", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_AuctionBidders", x => x.Id);
                    table.ForeignKey(
                        name: "FK_AuctionBidders_Auctions_AuctionId",
                        column: x => x.AuctionId,
                        principalTable: "Auctions",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                    table.ForeignKey(
                        name: "FK_AuctionBidders_ResidentUnits_ResidentUnitId",
                        column: x => x.ResidentUnitId,
                        principalTable: "ResidentUnits",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "AuctionEntries",
                columns: table => new
                {
                    Id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    AuctionId = table.Column<int>(type: "integer", nullable: false),
                    LotId = table.Column<int>(type: "integer", nullable: true),
                    Action = table.Column<string>(type: "character varying(24)", maxLength: 24, nullable: false),
                    Detail = table.Column<string>(type: "character varying(500)", maxLength: 500, nullable: false),
                    Actor = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    At = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_AuctionEntries", x => x.Id);
                    table.ForeignKey(
                        name: "FK_AuctionEntries_Auctions_AuctionId",
                        column: x => x.AuctionId,
                        principalTable: "Auctions",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "Lots",
                columns: table => new
                {
                    Id = table.Column<int>(type: "integer", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    AuctionId = table.Column<int>(type: "integer", nullable: false),
                    Number = table.Column<int>(type: "integer", nullable: false),
                    Title = table.Column<string>(type: "character varying(80)", maxLength: 80, nullable: false),
                    Description = table.Column<string>(type: "character varying(2000)", maxLength: 2000, nullable: false),
                    Capacity = table.Column<int>(type: "integer", nullable: false),
                    Mode = table.Column<string>(type: "character varying(8)", maxLength: 8, nullable: false),
                    TieRule = table.Column<string>(type: "character varying(16)", maxLength: 16, nullable: false),
                    PledgeUnit = table.Column<string>(type: "character varying(8)", maxLength: 8, nullable: false),
                    Increment = table.Column<decimal>(type: "numeric(14,2)", precision: 14, scale: 2, nullable: false),
                    NeedId = table.Column<int>(type: "integer", nullable: true),
                    Status = table.Column<string>(type: "character varying(10)", maxLength: 10, nullable: false),
                    OpenedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    CountdownEndsAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    ClosedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    Raises = table.Column<int>(type: "integer", nullable: false),
                    HammerNo = table.Column<int>(type: "integer", nullable: false),
                    ProjectId = table.Column<int>(type: "integer", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_Lots", x => x.Id);
                    table.ForeignKey(
                        name: "FK_Lots_Auctions_AuctionId",
                        column: x => x.AuctionId,
                        principalTable: "Auctions",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                    table.ForeignKey(
                        name: "FK_Lots_Needs_NeedId",
                        column: x => x.NeedId,
                        principalTable: "Needs",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "FK_Lots_Projects_ProjectId",
                        column: x => x.ProjectId,
                        principalTable: "Projects",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "Awards",
                columns: table => new
                {
                    Id = table.Column<int>(type: "integer", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    AuctionId = table.Column<int>(type: "integer", nullable: false),
                    LotId = table.Column<int>(type: "integer", nullable: false),
                    HammerNo = table.Column<int>(type: "integer", nullable: false),
                    ResidentUnitId = table.Column<int>(type: "integer", nullable: false),
                    BidId = table.Column<long>(type: "bigint", nullable: false),
                    Place = table.Column<int>(type: "integer", nullable: false),
                    Pledge = table.Column<decimal>(type: "numeric(14,2)", precision: 14, scale: 2, nullable: true),
                    Reason = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    AwardedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    OrgContractId = table.Column<int>(type: "integer", nullable: true),
                    RevokedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    RevokeReason = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_Awards", x => x.Id);
                    table.ForeignKey(
                        name: "FK_Awards_Lots_LotId",
                        column: x => x.LotId,
                        principalTable: "Lots",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                    table.ForeignKey(
                        name: "FK_Awards_OrgContracts_OrgContractId",
                        column: x => x.OrgContractId,
                        principalTable: "OrgContracts",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "FK_Awards_ResidentUnits_ResidentUnitId",
                        column: x => x.ResidentUnitId,
                        principalTable: "ResidentUnits",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "Bids",
                columns: table => new
                {
                    Id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    AuctionId = table.Column<int>(type: "integer", nullable: false),
                    LotId = table.Column<int>(type: "integer", nullable: false),
                    ResidentUnitId = table.Column<int>(type: "integer", nullable: false),
                    Seq = table.Column<int>(type: "integer", nullable: false),
                    FirstSeq = table.Column<int>(type: "integer", nullable: false),
                    Pledge = table.Column<decimal>(type: "numeric(14,2)", precision: 14, scale: 2, nullable: true),
                    PledgeNote = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: true),
                    RaisedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    RaisedBy = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_Bids", x => x.Id);
                    table.ForeignKey(
                        name: "FK_Bids_Lots_LotId",
                        column: x => x.LotId,
                        principalTable: "Lots",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                    table.ForeignKey(
                        name: "FK_Bids_ResidentUnits_ResidentUnitId",
                        column: x => x.ResidentUnitId,
                        principalTable: "ResidentUnits",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateIndex(
                name: "IX_AuctionBidders_AuctionId_PaddleNo",
                table: "AuctionBidders",
                columns: new[] { "AuctionId", "PaddleNo" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_AuctionBidders_AuctionId_ResidentUnitId",
                table: "AuctionBidders",
                columns: new[] { "AuctionId", "ResidentUnitId" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_AuctionBidders_ResidentUnitId",
                table: "AuctionBidders",
                column: "ResidentUnitId");

            migrationBuilder.CreateIndex(
                name: "IX_AuctionEntries_AuctionId",
                table: "AuctionEntries",
                column: "AuctionId");

            migrationBuilder.CreateIndex(
                name: "IX_Auctions_Path",
                table: "Auctions",
                column: "Path");

            migrationBuilder.CreateIndex(
                name: "IX_Auctions_SelectionRoundId",
                table: "Auctions",
                column: "SelectionRoundId");

            migrationBuilder.CreateIndex(
                name: "IX_Auctions_StreetId",
                table: "Auctions",
                column: "StreetId");

            migrationBuilder.CreateIndex(
                name: "IX_Awards_LotId_HammerNo_ResidentUnitId",
                table: "Awards",
                columns: new[] { "LotId", "HammerNo", "ResidentUnitId" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_Awards_OrgContractId",
                table: "Awards",
                column: "OrgContractId");

            migrationBuilder.CreateIndex(
                name: "IX_Awards_ResidentUnitId",
                table: "Awards",
                column: "ResidentUnitId");

            migrationBuilder.CreateIndex(
                name: "IX_Bids_LotId_ResidentUnitId",
                table: "Bids",
                columns: new[] { "LotId", "ResidentUnitId" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_Bids_ResidentUnitId",
                table: "Bids",
                column: "ResidentUnitId");

            migrationBuilder.CreateIndex(
                name: "IX_Lots_AuctionId_Number",
                table: "Lots",
                columns: new[] { "AuctionId", "Number" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_Lots_AuctionId_Status",
                table: "Lots",
                columns: new[] { "AuctionId", "Status" });

            migrationBuilder.CreateIndex(
                name: "IX_Lots_NeedId",
                table: "Lots",
                column: "NeedId");

            migrationBuilder.CreateIndex(
                name: "IX_Lots_ProjectId",
                table: "Lots",
                column: "ProjectId");

            migrationBuilder.CreateIndex(
                name: "IX_OrgContracts_OrgUnitId",
                table: "OrgContracts",
                column: "OrgUnitId");

            migrationBuilder.CreateIndex(
                name: "IX_OrgContracts_Path",
                table: "OrgContracts",
                column: "Path");

            migrationBuilder.CreateIndex(
                name: "IX_OrgContracts_ProjectId",
                table: "OrgContracts",
                column: "ProjectId");

            migrationBuilder.CreateIndex(
                name: "IX_OrgContracts_ResidentUnitId_Status",
                table: "OrgContracts",
                columns: new[] { "ResidentUnitId", "Status" });

            migrationBuilder.CreateIndex(
                name: "IX_OrgContracts_Source_SourceId",
                table: "OrgContracts",
                columns: new[] { "Source", "SourceId" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "AuctionBidders");

            migrationBuilder.DropTable(
                name: "AuctionEntries");

            migrationBuilder.DropTable(
                name: "Awards");

            migrationBuilder.DropTable(
                name: "Bids");

            migrationBuilder.DropTable(
                name: "OrgContracts");

            migrationBuilder.DropTable(
                name: "Lots");

            migrationBuilder.DropTable(
                name: "Auctions");
        }
    }
}
