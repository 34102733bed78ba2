SELECT name, type FROM system.columns WHERE database = {database:String} AND table = {table:String} ORDER BY position
