from django.contrib import admin

from techbridge.directory.models import City, CityTie, Country, Organisation, Person, TaxonomyTerm


@admin.register(Country)
class CountryAdmin(admin.ModelAdmin):
    list_display = ("code", "name_en", "name_zh", "group", "time_zone", "currency")
    list_filter = ("group",)
    search_fields = ("code", "name_en", "name_zh", "name_local")


@admin.register(City)
class CityAdmin(admin.ModelAdmin):
    list_display = ("key", "name_en", "name_zh", "country")
    list_filter = ("country",)
    search_fields = ("key", "name_en", "name_zh", "name_local")


@admin.register(CityTie)
class CityTieAdmin(admin.ModelAdmin):
    list_display = ("city_a", "city_b", "kind", "since", "is_demo")
    list_filter = ("kind",)
    autocomplete_fields = ("city_a", "city_b")


@admin.register(TaxonomyTerm)
class TaxonomyTermAdmin(admin.ModelAdmin):
    list_display = ("code", "label_en", "label_zh", "scheme", "parent")
    list_filter = ("scheme",)
    search_fields = ("code", "label_en", "label_zh")
    autocomplete_fields = ("parent",)


@admin.register(Organisation)
class OrganisationAdmin(admin.ModelAdmin):
    list_display = ("name", "name_en", "kind", "country", "city", "is_demo")
    list_filter = ("kind", "country", "is_demo")
    search_fields = ("name", "name_en", "key")
    autocomplete_fields = ("city", "sectors")


@admin.register(Person)
class PersonAdmin(admin.ModelAdmin):
    list_display = ("full_name", "kind", "organisation", "country", "availability")
    list_filter = ("kind", "availability", "country")
    search_fields = ("full_name", "key", "expertise")
    autocomplete_fields = ("organisation", "expertise_terms")
