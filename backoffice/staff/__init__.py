"""The staff's administration console: shops (suspension, reinstatement, commission),
catalogue settings (categories, product types and attributes), shipping zones and prices,
tourism routes and permission groups. Every write is one domain service with the signed-in
person as actor; every list comes from a selector or the vendor policy's queryset."""
