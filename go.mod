module github.com/cos403/cos403-go

go 1.24

require (
	github.com/stretchr/testify v1.12.1
	github.com/tencentyun/cos-go-sdk-v5 v0.7.70
	go.uber.org/goleak v1.3.0
)

require (
	github.com/clbanning/mxj v1.8.4 // indirect
	github.com/google/go-querystring v1.0.0 // indirect
	github.com/mitchellh/mapstructure v1.4.3 // indirect
	github.com/mozillazg/go-httpheader v0.2.1 // indirect
	go.yaml.in/yaml/v3 v3.0.5 // indirect
)
