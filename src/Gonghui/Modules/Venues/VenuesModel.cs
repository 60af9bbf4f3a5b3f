using Microsoft.EntityFrameworkCore;
using Gonghui.Modules.Venues.Listing;

namespace Gonghui.Modules.Venues;

/// <summary>EF mapping of the Venues module's table (venues_venues).</summary>
internal static class VenuesModel
{
    public static void Configure(ModelBuilder b)
    {
        b.Entity<Venue>(e =>
        {
            e.ToTable("venues_venues");
            e.HasKey(v => v.Id);
            e.Property(v => v.Name).HasMaxLength(200).IsRequired();
            e.Property(v => v.Address).HasMaxLength(300).IsRequired();
            e.Property(v => v.DistrictCode).HasMaxLength(6).IsRequired();
            e.Property(v => v.Hours).HasMaxLength(2000).IsRequired();
            e.Property(v => v.Phone).HasMaxLength(20);
            e.HasIndex(v => v.UnitId);
            e.HasIndex(v => new { v.DistrictCode, v.Type });
            e.HasIndex(v => new { v.Name, v.Id }); // the staff list's keyset order
        });
    }
}
